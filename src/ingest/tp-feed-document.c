/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-feed-document"

#include "config.h"

#include "tp-feed-document.h"

G_DEFINE_BOXED_TYPE (TpFeedEntry, tp_feed_entry, tp_feed_entry_ref, tp_feed_entry_unref)
G_DEFINE_BOXED_TYPE (TpFeedDocument, tp_feed_document, tp_feed_document_ref, tp_feed_document_unref)

/* Public API */

/**
 * tp_feed_entry_new:
 *
 * Returns: (transfer full): an empty entry
 */
TpFeedEntry *
tp_feed_entry_new (void)
{
  TpFeedEntry *self = g_new0 (TpFeedEntry, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

TpFeedEntry *
tp_feed_entry_ref (TpFeedEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tp_feed_entry_unref (TpFeedEntry *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->link);
  g_free (self->author);
  g_free (self->published);
  g_free (self->updated);
  g_free (self->summary);
  g_free (self->content);
  g_free (self);
}

/**
 * tp_feed_document_new:
 *
 * Returns: (transfer full): an empty feed
 */
TpFeedDocument *
tp_feed_document_new (void)
{
  TpFeedDocument *self = g_new0 (TpFeedDocument, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_feed_entry_unref);
  return self;
}

TpFeedDocument *
tp_feed_document_ref (TpFeedDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tp_feed_document_unref (TpFeedDocument *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->link);
  g_free (self->language);
  g_free (self->updated);
  g_free (self->description);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_free (self);
}

const char *
tp_feed_format_to_string (TpFeedFormat format)
{
  switch (format)
    {
    case TP_FEED_FORMAT_RSS_0_9:
      return "rss0.9";
    case TP_FEED_FORMAT_RSS_1_0:
      return "rss1.0";
    case TP_FEED_FORMAT_RSS_2_0:
      return "rss2.0";
    case TP_FEED_FORMAT_ATOM:
      return "atom";
    case TP_FEED_FORMAT_JSON:
      return "json";
    case TP_FEED_FORMAT_UNKNOWN:
    default:
      return "unknown";
    }
}
