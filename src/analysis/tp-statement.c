/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-statement"

#include "config.h"

#include "tp-statement.h"

G_DEFINE_BOXED_TYPE (TpStatement, tp_statement, tp_statement_ref, tp_statement_unref)

static const char *kind_names[] = { "direct", "indirect", "mixed" };
static const char *review_names[] = { "auto", "confirmed", "edited", "rejected" };

/* Public API */

/**
 * tp_statement_new:
 *
 * Returns: (transfer full): an empty statement
 */
TpStatement *
tp_statement_new (void)
{
  TpStatement *self = g_new0 (TpStatement, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->topics = g_ptr_array_new_with_free_func (g_free);
  self->review = TP_REVIEW_AUTO;
  return self;
}

TpStatement *
tp_statement_ref (TpStatement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tp_statement_unref (TpStatement *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->text);
  g_free (self->speaker);
  g_free (self->actor_key);
  g_free (self->actor);
  g_free (self->side);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_free (self->cue);
  g_free (self->said_on);
  g_free (self);
}

void
tp_statement_add_topic (TpStatement *self,
                        const char  *topic)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (topic != NULL);

  if (!tp_statement_has_topic (self, topic))
    g_ptr_array_add (self->topics, g_strdup (topic));
}

gboolean
tp_statement_has_topic (TpStatement *self,
                        const char  *topic)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->topics->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->topics, i), topic) == 0)
      return TRUE;
  return FALSE;
}

const char *
tp_statement_kind_to_string (TpStatementKind kind)
{
  g_return_val_if_fail (kind <= TP_STATEMENT_MIXED, NULL);

  return kind_names[kind];
}

gboolean
tp_statement_kind_from_string (const char      *str,
                               TpStatementKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (str, kind_names[i]) == 0)
      {
        *kind = (TpStatementKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
tp_review_status_to_string (TpReviewStatus status)
{
  g_return_val_if_fail (status <= TP_REVIEW_REJECTED, NULL);

  return review_names[status];
}

gboolean
tp_review_status_from_string (const char     *str,
                              TpReviewStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (review_names); i++)
    if (g_strcmp0 (str, review_names[i]) == 0)
      {
        *status = (TpReviewStatus) i;
        return TRUE;
      }
  return FALSE;
}
