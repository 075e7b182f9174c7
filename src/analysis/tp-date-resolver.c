/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-date-resolver"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tp-date-resolver.h"
#include "tp-fold.h"

/* The day a statement was made, from the words around it: "hôm 4/7",
 * "Hôm 14/6", "ngày 16/5", "ngày 16 tháng 5", "hôm qua", "hôm thứ Sáu",
 * "on Friday", "July 4", "4 July", "yesterday". Dates without a year take
 * the article's year, or the year before when that would put them after
 * the article; weekdays are the last such day on or before the article
 * ("last Friday" strictly before it); vague ones ("last week", "tuần
 * trước") are no date. A
 * day/month pair counts only after a day word (hôm, ngày, sáng…), so that
 * "1/3 lãnh thổ" (a third) and "tháng 2/2022" (a month) are not dates. */

typedef enum
{
  PATTERN_VI_DAY_MONTH,
  PATTERN_VI_DAY_THANG,
  PATTERN_VI_RELATIVE,
  PATTERN_VI_WEEKDAY,
  PATTERN_EN_RELATIVE,
  PATTERN_EN_LAST_WEEKDAY,
  PATTERN_EN_WEEKDAY,
  PATTERN_EN_MONTH_DAY,
  PATTERN_EN_DAY_MONTH,
  N_PATTERNS
} Pattern;

#define EN_MONTHS "january|february|march|april|may|june|july|august|september|october|" \
                  "november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"

static const char *pattern_sources[N_PATTERNS] = {
  "\\b(?:hom|ngay|sang|trua|chieu|toi|dem|vao)\\s+(?:(?:thu\\s+\\w+|chu\\s+nhat)\\s*\\(?\\s*)?"
    "(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}))?(?![\\d/])",
  "\\bngay\\s+(\\d{1,2})\\s+thang\\s+(\\d{1,2})(?:\\s*,?\\s*(?:nam\\s+)?(\\d{4}))?",
  "\\bhom\\s+(qua|nay|kia)\\b",
  "\\b(?:hom|ngay|vao|sang|chieu|toi)\\s+(thu\\s+(?:hai|ba|tu|nam|sau|bay)|chu\\s+nhat)\\b",
  "\\b(yesterday|today)\\b",
  "\\blast\\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b",
  "\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b",
  "\\b(" EN_MONTHS ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?",
  "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(" EN_MONTHS ")\\b(?:,?\\s+(\\d{4}))?",
};

static const char *en_months[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

/* Auxiliary methods */

static gpointer
compile_patterns (gpointer data)
{
  GRegex **regexes = g_new0 (GRegex *, N_PATTERNS);

  for (int i = 0; i < N_PATTERNS; i++)
    {
      g_autoptr(GError) error = NULL;

      regexes[i] = g_regex_new (pattern_sources[i], G_REGEX_OPTIMIZE, 0, &error);
      g_assert_no_error (error);
    }
  return regexes;
}

static int
month_from_name (const char *name)
{
  for (int i = 0; i < 12; i++)
    if (strncmp (name, en_months[i], 3) == 0)
      return i + 1;
  return 0;
}

static GDateWeekday
weekday_from_name (const char *name)
{
  static const struct { const char *name; GDateWeekday day; } days[] = {
    { "monday", G_DATE_MONDAY }, { "tuesday", G_DATE_TUESDAY },
    { "wednesday", G_DATE_WEDNESDAY }, { "thursday", G_DATE_THURSDAY },
    { "friday", G_DATE_FRIDAY }, { "saturday", G_DATE_SATURDAY },
    { "sunday", G_DATE_SUNDAY },
    { "thu hai", G_DATE_MONDAY }, { "thu ba", G_DATE_TUESDAY },
    { "thu tu", G_DATE_WEDNESDAY }, { "thu nam", G_DATE_THURSDAY },
    { "thu sau", G_DATE_FRIDAY }, { "thu bay", G_DATE_SATURDAY },
    { "chu nhat", G_DATE_SUNDAY },
  };
  g_autofree char *norm = g_strdup (name);
  char *w = norm;

  /* Collapse the spaces of "thu  sau". */
  for (const char *r = name; *r; r++)
    if (!(*r == ' ' && w > norm && w[-1] == ' '))
      *w++ = (*r == '\t' || *r == '\n') ? ' ' : *r;
  *w = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    if (g_str_equal (norm, days[i].name))
      return days[i].day;
  return G_DATE_BAD_WEEKDAY;
}

static gboolean
parse_published (const char *published,
                 GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (published == NULL || strlen (published) < 10)
    return FALSE;
  if (sscanf (published, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  /* sscanf takes a sign too, and GDate would read the year -1 as 65535. */
  if (y < 1 || m < 1 || d < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* The day @n days before @published, as a date string; NULL before 1 January
 * of the year 1 (a page can claim to be that old), where GDate stops. */
static char *
days_before (const GDate *published,
             guint        n)
{
  GDate date = *published;

  if (g_date_get_julian (&date) <= n)
    return NULL;
  g_date_subtract_days (&date, n);
  return format_date (&date);
}

static char *
day_month_year (int          day,
                int          month,
                int          year,
                const GDate *published,
                gboolean     have_published)
{
  GDate date;

  if (month < 1 || month > 12 || day < 1 || day > 31)
    return NULL;
  if (year == 0)
    {
      if (!have_published)
        return NULL;
      year = g_date_get_year (published);
      /* 29/2 in a year without it can only be the leap day before. */
      if (!g_date_valid_dmy (day, month, year) && g_date_valid_dmy (day, month, year - 1))
        year--;
      if (!g_date_valid_dmy (day, month, year))
        return NULL;
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, day, month, year);
      /* A day later than the article was said the year before. */
      if (g_date_compare (&date, published) > 0)
        {
          year--;
          if (!g_date_valid_dmy (day, month, year))
            return NULL;
          g_date_set_dmy (&date, day, month, year);
        }
      return format_date (&date);
    }
  if (!g_date_valid_dmy (day, month, year))
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return format_date (&date);
}

static char *
resolve_match (Pattern      pattern,
               GMatchInfo  *info,
               const GDate *published,
               gboolean     have_published)
{
  g_autofree char *g1 = g_match_info_fetch (info, 1);
  g_autofree char *g2 = g_match_info_fetch (info, 2);
  g_autofree char *g3 = g_match_info_fetch (info, 3);
  int year = (g3 != NULL && *g3) ? atoi (g3) : 0;

  switch (pattern)
    {
    case PATTERN_VI_DAY_MONTH:
    case PATTERN_VI_DAY_THANG:
      return day_month_year (atoi (g1), atoi (g2), year, published, have_published);

    case PATTERN_EN_MONTH_DAY:
      return day_month_year (atoi (g2), month_from_name (g1), year, published, have_published);

    case PATTERN_EN_DAY_MONTH:
      return day_month_year (atoi (g1), month_from_name (g2), year, published, have_published);

    case PATTERN_VI_RELATIVE:
    case PATTERN_EN_RELATIVE:
      if (!have_published)
        return NULL;
      if (g_str_equal (g1, "qua") || g_str_equal (g1, "yesterday"))
        return days_before (published, 1);
      if (g_str_equal (g1, "kia"))
        return days_before (published, 2);
      return days_before (published, 0);

    case PATTERN_VI_WEEKDAY:
    case PATTERN_EN_WEEKDAY:
    case PATTERN_EN_LAST_WEEKDAY:
      {
        GDateWeekday want = weekday_from_name (g1);
        int back;

        if (!have_published || want == G_DATE_BAD_WEEKDAY)
          return NULL;
        back = ((int) g_date_get_weekday (published) - (int) want + 7) % 7;
        /* "last Friday" in a Friday's article is the week before. */
        if (back == 0 && pattern == PATTERN_EN_LAST_WEEKDAY)
          back = 7;
        return days_before (published, back);
      }

    case N_PATTERNS:
    default:
      return NULL;
    }
}

static gboolean
pattern_possible (Pattern     pattern,
                  const char *folded)
{
  gboolean digit = strpbrk (folded, "0123456789") != NULL;

  switch (pattern)
    {
    case PATTERN_VI_DAY_MONTH:
      return digit && strchr (folded, '/') != NULL;
    case PATTERN_VI_DAY_THANG:
      return digit && strstr (folded, "thang") != NULL;
    case PATTERN_VI_RELATIVE:
      return strstr (folded, "hom") != NULL;
    case PATTERN_VI_WEEKDAY:
      return strstr (folded, "thu") != NULL || strstr (folded, "chu") != NULL;
    case PATTERN_EN_RELATIVE:
    case PATTERN_EN_WEEKDAY:
      return strstr (folded, "day") != NULL;
    case PATTERN_EN_LAST_WEEKDAY:
      return strstr (folded, "last") != NULL && strstr (folded, "day") != NULL;
    case PATTERN_EN_MONTH_DAY:
    case PATTERN_EN_DAY_MONTH:
      return digit;
    case N_PATTERNS:
    default:
      return FALSE;
    }
}

/* Public API */

/**
 * tp_resolve_date:
 * @text: the words around a statement (any case, any diacritics)
 * @published: (nullable): the article's ISO publication date
 *
 * Returns: (transfer full) (nullable): the ISO date of the first date
 *   expression in @text, or %NULL if there is none or it cannot be placed
 */
char *
tp_resolve_date (const char *text,
                 const char *published)
{
  static GOnce once = G_ONCE_INIT;
  GRegex **regexes;
  g_autofree char *folded = NULL;
  GDate pub;
  gboolean have_published;
  int best_pos = -1;
  char *best = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  folded = tp_fold_string (text, -1);
  /* Most frames hold no date at all: skip the expressions unless there is
   * a digit or a relative day word. */
  if (strpbrk (folded, "0123456789") == NULL && strstr (folded, "day") == NULL
      && strstr (folded, "hom ") == NULL && strstr (folded, "thu ") == NULL
      && strstr (folded, "chu nhat") == NULL)
    return NULL;
  g_once (&once, compile_patterns, NULL);
  regexes = once.retval;
  have_published = parse_published (published, &pub);

  for (int p = 0; p < N_PATTERNS; p++)
    {
      g_autoptr(GMatchInfo) info = NULL;
      int start;

      /* Each expression needs a word or sign that strstr finds faster. */
      if (!pattern_possible (p, folded))
        continue;

      if (!g_regex_match (regexes[p], folded, 0, &info))
        continue;
      g_match_info_fetch_pos (info, 0, &start, NULL);
      if (best_pos >= 0 && start >= best_pos)
        continue;
      {
        char *resolved = resolve_match (p, info, &pub, have_published);

        if (resolved != NULL)
          {
            g_free (best);
            best = resolved;
            best_pos = start;
          }
      }
    }
  return best;
}
