/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-dates"

/* Dates as written in articles ("hôm 4/7", "on Friday") resolved against
 * a publication date, and dates as written in feeds (RFC 822, RFC 3339 and
 * their many broken variants). The input is "TEXT\nPUBLISHED" or TEXT. */

#include <stdio.h>
#include <string.h>

#include "fuzz-common.h"
#include "tp-date-resolver.h"
#include "tp-feed-date.h"

/* A day as the resolver writes it: YYYY-MM-DD. */
static void
check_day (const char *date)
{
  int y, m, d;
  char tail;

  if (date == NULL)
    return;
  if (!g_utf8_validate (date, -1, NULL) || strlen (date) != 10
      || sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3
      || y < 1 || !g_date_valid_dmy (d, m, y))
    g_error ("not a day as YYYY-MM-DD: %s", date);
}

/* A date as feeds are stored: RFC 3339. */
static void
check_rfc3339 (const char *date)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (date == NULL)
    return;
  if (!g_utf8_validate (date, -1, NULL)
      || (parsed = g_date_time_new_from_iso8601 (date, NULL)) == NULL)
    g_error ("not an RFC 3339 date: %s", date);
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
  check_day (resolved);
  g_clear_pointer (&resolved, g_free);
  resolved = tp_resolve_date (text, NULL);
  check_day (resolved);

  parsed = tp_feed_date_parse (text);
  if (parsed != NULL)
    {
      g_autofree char *formatted = tp_feed_date_format (parsed);

      check_rfc3339 (formatted);
      g_date_time_unref (parsed);
    }
  normalized = tp_feed_date_normalize (text);
  check_rfc3339 (normalized);
  return 0;
}
