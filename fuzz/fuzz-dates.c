/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-dates"

/* Dates as written in articles ("hôm 4/7", "on Friday") resolved against
 * a publication date, and dates as written in feeds (RFC 822, RFC 3339 and
 * their many broken variants). The input is "TEXT\nPUBLISHED" or TEXT. */

#include <string.h>

#include "fuzz-common.h"
#include "tp-date-resolver.h"
#include "tp-feed-date.h"

static void
check_iso_date (const char *date)
{
  if (date == NULL)
    return;
  if (!g_utf8_validate (date, -1, NULL) || strlen (date) < 10)
    g_error ("not an ISO date: %s", date);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_make_text (data, size);
  char *newline = strchr (text, '\n');
  const char *published = "2024-07-04";
  g_autofree char *resolved = NULL;
  g_autofree char *normalized = NULL;
  GDateTime *parsed;

  if (newline != NULL)
    {
      *newline = '\0';
      published = newline + 1;
    }

  resolved = tp_resolve_date (text, published);
  check_iso_date (resolved);
  g_clear_pointer (&resolved, g_free);
  resolved = tp_resolve_date (text, NULL);
  check_iso_date (resolved);

  parsed = tp_feed_date_parse (text);
  if (parsed != NULL)
    {
      g_autofree char *formatted = tp_feed_date_format (parsed);

      check_iso_date (formatted);
      g_date_time_unref (parsed);
    }
  normalized = tp_feed_date_normalize (text);
  check_iso_date (normalized);
  return 0;
}
