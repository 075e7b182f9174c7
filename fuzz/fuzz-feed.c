/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-feed"

/* RSS, Atom, RDF and JSON Feed documents from the network. */

#include "fuzz-common.h"
#include "tp-feed-parser.h"

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
    }
  else
    {
      g_assert_null (error);
      tp_feed_document_unref (doc);
    }
  return 0;
}
