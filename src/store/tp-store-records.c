/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-store"

#include "config.h"

#include "tp-store-records.h"

G_DEFINE_BOXED_TYPE (TpArticleSummary, tp_article_summary,
                     tp_article_summary_ref, tp_article_summary_unref)
G_DEFINE_BOXED_TYPE (TpSearchHit, tp_search_hit, tp_search_hit_ref, tp_search_hit_unref)
G_DEFINE_BOXED_TYPE (TpTag, tp_tag, tp_tag_copy, tp_tag_free)
G_DEFINE_BOXED_TYPE (TpNote, tp_note, tp_note_copy, tp_note_free)
G_DEFINE_BOXED_TYPE (TpFeed, tp_feed, tp_feed_copy, tp_feed_free)

/* Public API */

/**
 * tp_article_summary_new:
 * @article: (transfer none): the article the row describes
 *
 * Returns: (transfer full): a summary with no statements counted yet
 */
TpArticleSummary *
tp_article_summary_new (TpArticle *article)
{
  TpArticleSummary *self;

  g_return_val_if_fail (article != NULL, NULL);

  self = g_new0 (TpArticleSummary, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->article = tp_article_ref (article);
  self->side_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

TpArticleSummary *
tp_article_summary_ref (TpArticleSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tp_article_summary_unref (TpArticleSummary *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->article, tp_article_unref);
  g_clear_pointer (&self->side_counts, g_hash_table_unref);
  g_free (self);
}

/**
 * tp_article_summary_get_side_count:
 * @self: a summary
 * @side: a side key
 *
 * Returns: how many of the article's statements are attributed to @side
 */
guint
tp_article_summary_get_side_count (TpArticleSummary *self,
                                   const char       *side)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (side != NULL, 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->side_counts, side));
}

/**
 * tp_search_hit_new:
 *
 * Returns: (transfer full): an empty hit
 */
TpSearchHit *
tp_search_hit_new (void)
{
  TpSearchHit *self = g_new0 (TpSearchHit, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

TpSearchHit *
tp_search_hit_ref (TpSearchHit *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tp_search_hit_unref (TpSearchHit *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->title);
  g_free (self->outlet);
  g_free (self->published);
  g_free (self->speaker);
  g_free (self->side);
  g_free (self->snippet);
  g_free (self->snippet_markup);
  g_free (self);
}

/**
 * tp_tag_copy:
 * @self: a tag
 *
 * Returns: (transfer full): a copy of @self
 */
TpTag *
tp_tag_copy (const TpTag *self)
{
  TpTag *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TpTag, 1);
  copy->id = self->id;
  copy->name = g_strdup (self->name);
  copy->color = g_strdup (self->color);
  copy->n_statements = self->n_statements;
  return copy;
}

void
tp_tag_free (TpTag *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->color);
  g_free (self);
}

/**
 * tp_note_copy:
 * @self: a note
 *
 * Returns: (transfer full): a copy of @self
 */
TpNote *
tp_note_copy (const TpNote *self)
{
  TpNote *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TpNote, 1);
  copy->id = self->id;
  copy->statement_id = self->statement_id;
  copy->text = g_strdup (self->text);
  copy->created = g_strdup (self->created);
  copy->modified = g_strdup (self->modified);
  return copy;
}

void
tp_note_free (TpNote *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self->created);
  g_free (self->modified);
  g_free (self);
}

/**
 * tp_feed_new:
 *
 * Returns: (transfer full): an empty feed record
 */
TpFeed *
tp_feed_new (void)
{
  return g_new0 (TpFeed, 1);
}

/**
 * tp_feed_copy:
 * @self: a feed
 *
 * Returns: (transfer full): a copy of @self
 */
TpFeed *
tp_feed_copy (const TpFeed *self)
{
  TpFeed *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (TpFeed, 1);
  *copy = *self;
  copy->url = g_strdup (self->url);
  copy->title = g_strdup (self->title);
  copy->etag = g_strdup (self->etag);
  copy->last_modified = g_strdup (self->last_modified);
  copy->last_checked = g_strdup (self->last_checked);
  copy->last_error = g_strdup (self->last_error);
  copy->added = g_strdup (self->added);
  return copy;
}

void
tp_feed_free (TpFeed *self)
{
  if (self == NULL)
    return;
  g_free (self->url);
  g_free (self->title);
  g_free (self->etag);
  g_free (self->last_modified);
  g_free (self->last_checked);
  g_free (self->last_error);
  g_free (self->added);
  g_free (self);
}
