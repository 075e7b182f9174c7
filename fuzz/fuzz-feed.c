/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-feed"

/* RSS, Atom, RDF and JSON Feed documents from the network. */

#include "fuzz-common.h"
#include "tp-feed-parser.h"

/* What TpFeedEntry promises its users: UTF-8 strings and RFC 3339 dates. */
static void
check_string (const char *what,
              const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    g_error ("the feed's %s is not valid UTF-8", what);
}

static void
check_date (const char *what,
            const char *date)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (date == NULL)
    return;
  check_string (what, date);
  parsed = g_date_time_new_from_iso8601 (date, NULL);
  if (parsed == NULL)
    g_error ("the feed's %s is not RFC 3339: %s", what, date);
}

static void
check_document (const TpFeedDocument *doc)
{
  check_string ("title", doc->title);
  check_string ("link", doc->link);
  check_string ("language", doc->language);
  check_string ("description", doc->description);
  check_date ("update date", doc->updated);
  for (guint i = 0; i < doc->entries->len; i++)
    {
      const TpFeedEntry *entry = g_ptr_array_index (doc->entries, i);

      check_string ("entry id", entry->id);
      check_string ("entry title", entry->title);
      check_string ("entry link", entry->link);
      check_string ("entry author", entry->author);
      check_string ("entry summary", entry->summary);
      check_string ("entry content", entry->content);
      check_date ("entry date", entry->published);
      check_date ("entry update date", entry->updated);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  TpFeedDocument *doc;

  doc = tp_feed_parse (data, size, "https://news.example.org/feed", NULL, &error);
  if (doc == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TP_FEED_ERROR);
      /* Shown to the journalist as it is. */
      check_string ("error message", error->message);
    }
  else
    {
      g_assert_null (error);
      check_document (doc);
      tp_feed_document_unref (doc);
    }
  return 0;
}
