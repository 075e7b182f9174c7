/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-html"

/* A saved or fetched web page: the readability-style extraction must cope
 * with any markup. */

#include "fuzz-common.h"
#include "tp-source.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  article = tp_source_load_bytes (bytes, "text/html", NULL, "https://news.example.org/a/1",
                                  TP_ORIGIN_URL, &error);
  fuzz_check_article (article, error, TP_INGEST_ERROR);
  return 0;
}
