/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-statement-row"

#include "config.h"

#include "tp-statement-row.h"

/* One statement as the Compare view lists it: the statement record plus the
 * citation of its article, so that a cell can show where it was said without
 * asking the store again. Immutable once made. */
struct _TpStatementRow
{
  GObject      parent_instance;

  TpStatement *statement;
  char        *article_title;
  char        *outlet;
  char        *published;
};

G_DEFINE_FINAL_TYPE (TpStatementRow, tp_statement_row, G_TYPE_OBJECT)

/* GObject overrides */

static void
tp_statement_row_finalize (GObject *object)
{
  TpStatementRow *self = TP_STATEMENT_ROW (object);

  g_clear_pointer (&self->statement, tp_statement_unref);
  g_clear_pointer (&self->article_title, g_free);
  g_clear_pointer (&self->outlet, g_free);
  g_clear_pointer (&self->published, g_free);

  G_OBJECT_CLASS (tp_statement_row_parent_class)->finalize (object);
}

static void
tp_statement_row_class_init (TpStatementRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tp_statement_row_finalize;
}

static void
tp_statement_row_init (TpStatementRow *self)
{
}

/* Public API */

TpStatementRow *
tp_statement_row_new (TpStatement *statement,
                      const char  *article_title,
                      const char  *outlet,
                      const char  *published)
{
  TpStatementRow *self;

  g_return_val_if_fail (statement != NULL, NULL);

  self = g_object_new (TP_TYPE_STATEMENT_ROW, NULL);
  self->statement = tp_statement_ref (statement);
  self->article_title = g_strdup (article_title);
  self->outlet = g_strdup (outlet);
  self->published = g_strdup (published);
  return self;
}

TpStatement *
tp_statement_row_get_statement (TpStatementRow *self)
{
  g_return_val_if_fail (TP_IS_STATEMENT_ROW (self), NULL);
  return self->statement;
}

const char *
tp_statement_row_get_article_title (TpStatementRow *self)
{
  g_return_val_if_fail (TP_IS_STATEMENT_ROW (self), NULL);
  return self->article_title;
}

const char *
tp_statement_row_get_outlet (TpStatementRow *self)
{
  g_return_val_if_fail (TP_IS_STATEMENT_ROW (self), NULL);
  return self->outlet;
}

const char *
tp_statement_row_get_published (TpStatementRow *self)
{
  g_return_val_if_fail (TP_IS_STATEMENT_ROW (self), NULL);
  return self->published;
}

/**
 * tp_statement_row_get_date:
 *
 * The date the statement was made when the extractor found one, else the
 * article's publication date: the same rule the store uses for date filters.
 *
 * Returns: (nullable): an ISO date
 */
const char *
tp_statement_row_get_date (TpStatementRow *self)
{
  g_return_val_if_fail (TP_IS_STATEMENT_ROW (self), NULL);

  if (self->statement->said_on != NULL)
    return self->statement->said_on;
  return self->published;
}
