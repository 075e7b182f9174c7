/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-text-ingest"

/* Plain text pasted or read from a file: any bytes give an article or a
 * TP_INGEST_ERROR, never a crash. */

#include "fuzz-common.h"
#include "tp-source.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpArticle) article = NULL;

  article = tp_source_load_bytes (bytes, "text/plain", NULL, NULL, TP_ORIGIN_PASTE, &error);
  fuzz_check_article (article, error, TP_INGEST_ERROR);
  return 0;
}
