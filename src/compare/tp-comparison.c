/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-comparison"

#include "config.h"

#include <string.h>

#include "tp-comparison.h"

struct _TpComparison
{
  GObject     parent_instance;

  TpLexicon  *lexicon;
  GPtrArray  *topics;      /* const TpLexiconTopic*, owned by @lexicon */
  GPtrArray  *sides;       /* const TpLexiconSide*, owned by @lexicon */
  GPtrArray  *cells;       /* n_topics × n_sides GPtrArray of TpComparisonItem */
  GArray     *totals;      /* guint per cell */
  guint       n_statements;

  char       *date_from;
  char       *date_until;
  GStrv       outlets;
  GStrv       languages;
  GStrv       tags;
  guint       review_mask;
  char       *generated;
};

G_DEFINE_FINAL_TYPE (TpComparison, tp_comparison, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (TpComparisonItem, tp_comparison_item,
                     tp_comparison_item_ref, tp_comparison_item_unref)

typedef struct
{
  TpComparison *self;
  GHashTable   *topic_index;   /* key → index + 1 */
  GHashTable   *side_index;    /* key → index + 1 */
  GHashTable   *seen;          /* statement ids */
} BuildState;

/* Auxiliary methods */

static gboolean
strv_contains (const char * const *strv,
               const char         *value)
{
  return strv == NULL || g_strv_contains (strv, value);
}

static TpComparisonItem *
comparison_item_new (TpStatement *statement,
                     TpArticle   *article,
                     gboolean     starred)
{
  TpComparisonItem *item = g_new0 (TpComparisonItem, 1);
  const char *dates[] = { statement->said_on, article->published, article->imported };

  g_atomic_ref_count_init (&item->ref_count);
  item->statement = tp_statement_ref (statement);
  item->article = tp_article_ref (article);
  item->starred = starred;
  item->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_tag_free);
  item->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_note_free);
  for (guint i = 0; i < G_N_ELEMENTS (dates) && item->date == NULL; i++)
    if (dates[i] != NULL && strlen (dates[i]) >= 10)
      item->date = g_strndup (dates[i], 10);
  return item;
}

static void
on_row (const char  *topic,
        TpStatement *statement,
        TpArticle   *article,
        gboolean     starred,
        guint        cell_total,
        gpointer     user_data)
{
  BuildState *state = user_data;
  TpComparison *self = state->self;
  guint t = GPOINTER_TO_UINT (g_hash_table_lookup (state->topic_index, topic));
  guint s = GPOINTER_TO_UINT (g_hash_table_lookup (state->side_index, statement->side));
  guint cell;

  /* Topics and sides no longer in the lexicon have no row or column. */
  if (t == 0 || s == 0)
    return;
  cell = (t - 1) * self->sides->len + (s - 1);
  g_ptr_array_add (g_ptr_array_index (self->cells, cell),
                   comparison_item_new (statement, article, starred));
  g_array_index (self->totals, guint, cell) = cell_total;
  if (g_hash_table_add (state->seen, g_memdup2 (&statement->id, sizeof (gint64))))
    self->n_statements++;
}

static gboolean
load_annotations (TpComparison  *self,
                  TpStore       *store,
                  GError       **error)
{
  /* A statement in several cells is annotated once and shared. */
  g_autoptr(GHashTable) done = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint c = 0; c < self->cells->len; c++)
    {
      GPtrArray *items = g_ptr_array_index (self->cells, c);

      for (guint i = 0; i < items->len; i++)
        {
          TpComparisonItem *item = g_ptr_array_index (items, i);
          TpComparisonItem *first = g_hash_table_lookup (done, &item->statement->id);
          g_autoptr(GPtrArray) tags = NULL;
          g_autoptr(GPtrArray) notes = NULL;

          if (first != NULL)
            {
              for (guint k = 0; k < first->tags->len; k++)
                g_ptr_array_add (item->tags, tp_tag_copy (g_ptr_array_index (first->tags, k)));
              for (guint k = 0; k < first->notes->len; k++)
                g_ptr_array_add (item->notes, tp_note_copy (g_ptr_array_index (first->notes, k)));
              continue;
            }

          tags = tp_store_list_statement_tags (store, item->statement->id, error);
          if (tags == NULL)
            return FALSE;
          notes = tp_store_list_notes (store, item->statement->id, error);
          if (notes == NULL)
            return FALSE;
          g_ptr_array_extend_and_steal (item->tags, g_steal_pointer (&tags));
          g_ptr_array_extend_and_steal (item->notes, g_steal_pointer (&notes));
          g_hash_table_insert (done, &item->statement->id, item);
        }
    }
  return TRUE;
}

/* GObject overrides */

static void
tp_comparison_finalize (GObject *object)
{
  TpComparison *self = (TpComparison *) object;

  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->totals, g_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->sides, g_ptr_array_unref);
  g_clear_object (&self->lexicon);
  g_clear_pointer (&self->date_from, g_free);
  g_clear_pointer (&self->date_until, g_free);
  g_clear_pointer (&self->outlets, g_strfreev);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->generated, g_free);

  G_OBJECT_CLASS (tp_comparison_parent_class)->finalize (object);
}

static void
tp_comparison_class_init (TpComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tp_comparison_finalize;
}

static void
tp_comparison_init (TpComparison *self)
{
  self->topics = g_ptr_array_new ();
  self->sides = g_ptr_array_new ();
  self->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->totals = g_array_new (FALSE, TRUE, sizeof (guint));
}

/* Public API */

TpComparisonItem *
tp_comparison_item_ref (TpComparisonItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tp_comparison_item_unref (TpComparisonItem *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->statement, tp_statement_unref);
  g_clear_pointer (&self->article, tp_article_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_free (self->date);
  g_free (self);
}

/**
 * tp_comparison_new:
 * @store: the library to read
 * @filter: (nullable): what to compare; %NULL compares everything but
 *   rejected statements
 * @error: return location for a #GError
 *
 * Builds a comparison: one row per topic and one column per side of the
 * library's lexicon, in their order (only those @filter names, when it
 * names some), each cell holding the side's statements on the topic,
 * newest first. Statements without a side or a topic are in no cell.
 * Blocks on SQL: call it from a worker thread with that thread's store.
 *
 * Returns: (transfer full): the comparison, or %NULL with @error set
 */
TpComparison *
tp_comparison_new (TpStore                  *store,
                   const TpComparisonFilter *filter,
                   GError                  **error)
{
  static const TpComparisonFilter everything = { 0 };
  g_autoptr(TpComparison) self = NULL;
  g_autoptr(GHashTable) topic_index = NULL;
  g_autoptr(GHashTable) side_index = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GDateTime) now = NULL;
  BuildState state;
  GPtrArray *rows;

  g_return_val_if_fail (TP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filter == NULL)
    filter = &everything;

  self = g_object_new (TP_TYPE_COMPARISON, NULL);
  self->lexicon = tp_store_load_lexicon (store, error);
  if (self->lexicon == NULL)
    return NULL;

  topic_index = g_hash_table_new (g_str_hash, g_str_equal);
  side_index = g_hash_table_new (g_str_hash, g_str_equal);
  rows = tp_lexicon_get_topics (self->lexicon);
  for (guint i = 0; i < rows->len; i++)
    {
      const TpLexiconTopic *topic = g_ptr_array_index (rows, i);

      if (!strv_contains (filter->topics, topic->key))
        continue;
      g_ptr_array_add (self->topics, (gpointer) topic);
      g_hash_table_insert (topic_index, topic->key, GUINT_TO_POINTER (self->topics->len));
    }
  rows = tp_lexicon_get_sides (self->lexicon);
  for (guint i = 0; i < rows->len; i++)
    {
      const TpLexiconSide *side = g_ptr_array_index (rows, i);

      if (!strv_contains (filter->sides, side->key))
        continue;
      g_ptr_array_add (self->sides, (gpointer) side);
      g_hash_table_insert (side_index, side->key, GUINT_TO_POINTER (self->sides->len));
    }
  for (guint i = 0; i < self->topics->len * self->sides->len; i++)
    g_ptr_array_add (self->cells,
                     g_ptr_array_new_with_free_func ((GDestroyNotify) tp_comparison_item_unref));
  g_array_set_size (self->totals, self->cells->len);

  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  state = (BuildState) { self, topic_index, side_index, seen };
  if (!tp_store_foreach_comparison_row (store, filter, on_row, &state, error))
    return NULL;
  if (filter->with_annotations && !load_annotations (self, store, error))
    return NULL;

  self->date_from = g_strdup (filter->date_from);
  self->date_until = g_strdup (filter->date_until);
  self->outlets = filter->outlets ? g_strdupv ((GStrv) filter->outlets) : NULL;
  self->languages = filter->languages ? g_strdupv ((GStrv) filter->languages) : NULL;
  self->tags = filter->tags ? g_strdupv ((GStrv) filter->tags) : NULL;
  self->review_mask = filter->review_mask;
  now = g_date_time_new_now_utc ();
  self->generated = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  return g_steal_pointer (&self);
}

/**
 * tp_comparison_get_n_topics:
 * @self: a comparison
 *
 * Returns: the number of rows
 */
guint
tp_comparison_get_n_topics (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), 0);

  return self->topics->len;
}

/**
 * tp_comparison_get_topic:
 * @self: a comparison
 * @topic: a row index
 *
 * Returns: (transfer none): the row's topic (key and name)
 */
const TpLexiconTopic *
tp_comparison_get_topic (TpComparison *self,
                         guint         topic)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (topic < self->topics->len, NULL);

  return g_ptr_array_index (self->topics, topic);
}

/**
 * tp_comparison_get_n_sides:
 * @self: a comparison
 *
 * Returns: the number of columns
 */
guint
tp_comparison_get_n_sides (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), 0);

  return self->sides->len;
}

/**
 * tp_comparison_get_side:
 * @self: a comparison
 * @side: a column index
 *
 * Returns: (transfer none): the column's side (key, name, colour)
 */
const TpLexiconSide *
tp_comparison_get_side (TpComparison *self,
                        guint         side)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (side < self->sides->len, NULL);

  return g_ptr_array_index (self->sides, side);
}

/**
 * tp_comparison_get_cell:
 * @self: a comparison
 * @topic: a row index
 * @side: a column index
 *
 * Returns: (transfer none) (element-type TpComparisonItem): the cell's
 *   statements, newest first; empty when the side stated no position
 */
GPtrArray *
tp_comparison_get_cell (TpComparison *self,
                        guint         topic,
                        guint         side)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (topic < self->topics->len && side < self->sides->len, NULL);

  return g_ptr_array_index (self->cells, topic * self->sides->len + side);
}

/**
 * tp_comparison_get_cell_total:
 * @self: a comparison
 * @topic: a row index
 * @side: a column index
 *
 * Returns: how many statements the cell holds in the library, which is
 *   more than the cell's length when the filter capped cells
 */
guint
tp_comparison_get_cell_total (TpComparison *self,
                              guint         topic,
                              guint         side)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), 0);
  g_return_val_if_fail (topic < self->topics->len && side < self->sides->len, 0);

  return g_array_index (self->totals, guint, topic * self->sides->len + side);
}

/**
 * tp_comparison_topic_is_empty:
 * @self: a comparison
 * @topic: a row index
 *
 * Returns: whether no side said anything on the topic
 */
gboolean
tp_comparison_topic_is_empty (TpComparison *self,
                              guint         topic)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), TRUE);
  g_return_val_if_fail (topic < self->topics->len, TRUE);

  for (guint s = 0; s < self->sides->len; s++)
    if (tp_comparison_get_cell (self, topic, s)->len > 0)
      return FALSE;
  return TRUE;
}

/**
 * tp_comparison_get_n_statements:
 * @self: a comparison
 *
 * Returns: the number of distinct statements in the cells
 */
guint
tp_comparison_get_n_statements (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), 0);

  return self->n_statements;
}

/**
 * tp_comparison_is_empty:
 * @self: a comparison
 *
 * Returns: whether every cell is empty
 */
gboolean
tp_comparison_is_empty (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), TRUE);

  return self->n_statements == 0;
}

/**
 * tp_comparison_get_lexicon:
 * @self: a comparison
 *
 * Returns: (transfer none): the lexicon the rows and columns come from
 *   (topic labels per language, side colours)
 */
TpLexicon *
tp_comparison_get_lexicon (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), NULL);

  return self->lexicon;
}

/**
 * tp_comparison_get_date_from:
 * @self: a comparison
 *
 * Returns: (nullable): the first date of the filter
 */
const char *
tp_comparison_get_date_from (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), NULL);

  return self->date_from;
}

/**
 * tp_comparison_get_date_until:
 * @self: a comparison
 *
 * Returns: (nullable): the last date of the filter
 */
const char *
tp_comparison_get_date_until (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), NULL);

  return self->date_until;
}

/**
 * tp_comparison_get_outlets:
 * @self: a comparison
 *
 * Returns: (nullable) (transfer none): the outlets of the filter, %NULL for all
 */
const char * const *
tp_comparison_get_outlets (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), NULL);

  return (const char * const *) self->outlets;
}

/**
 * tp_comparison_get_languages:
 * @self: a comparison
 *
 * Returns: (nullable) (transfer none): the languages of the filter, %NULL for all
 */
const char * const *
tp_comparison_get_languages (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), NULL);

  return (const char * const *) self->languages;
}

/**
 * tp_comparison_get_tags:
 * @self: a comparison
 *
 * Returns: (nullable) (transfer none): the tags of the filter, %NULL for any
 */
const char * const *
tp_comparison_get_tags (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * tp_comparison_get_review_mask:
 * @self: a comparison
 *
 * Returns: the review statuses of the filter; 0 means all but rejected
 */
guint
tp_comparison_get_review_mask (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), 0);

  return self->review_mask;
}

/**
 * tp_comparison_get_generated:
 * @self: a comparison
 *
 * Returns: when the comparison was built (UTC, ISO 8601)
 */
const char *
tp_comparison_get_generated (TpComparison *self)
{
  g_return_val_if_fail (TP_IS_COMPARISON (self), NULL);

  return self->generated;
}
