/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-feed-date"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tp-feed-date.h"

/* Feeds date their items in RFC 822, RFC 3339, or something that was meant
 * to be one of them: missing seconds, named zones, two-digit years, no day
 * name, ISO dates with no zone, "Sept.", "10:00 PM". The parser below reads
 * the fields it recognises in any order and ignores words it does not know,
 * so one code path covers the tidy and the broken forms alike. A date with
 * no zone is taken as UTC. */

typedef struct
{
  int      year;
  int      month;
  int      day;
  int      hour;
  int      minute;
  double   seconds;
  int      offset_s;
  gboolean has_time;
  gboolean pm;
  gboolean am;
} DateFields;

static const struct
{
  const char *name;
  int         offset_min;
} zones[] = {
  { "z", 0 }, { "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "wet", 0 },
  { "est", -300 }, { "edt", -240 }, { "cst", -360 }, { "cdt", -300 },
  { "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
  { "akst", -540 }, { "akdt", -480 }, { "hst", -600 }, { "ast", -240 }, { "adt", -180 },
  { "bst", 60 }, { "ist", 330 }, { "west", 60 }, { "cet", 60 }, { "cest", 120 },
  { "met", 60 }, { "mest", 120 }, { "eet", 120 }, { "eest", 180 }, { "msk", 180 },
  { "msd", 240 }, { "jst", 540 }, { "kst", 540 }, { "hkt", 480 }, { "sgt", 480 },
  { "aest", 600 }, { "aedt", 660 }, { "acst", 570 }, { "awst", 480 }, { "nzst", 720 },
  { "nzdt", 780 },
};

static const char *months[] = {
  "january", "february", "march", "april", "may", "june", "july", "august",
  "september", "october", "november", "december",
};

static const char *weekdays[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* Auxiliary methods */

static int
match_month (const char *word)
{
  gsize len = strlen (word);

  if (len < 3)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (strncmp (months[i], word, len) == 0)
      return i + 1;
  if (g_str_equal (word, "sept"))
    return 9;
  return 0;
}

static gboolean
is_weekday (const char *word)
{
  gsize len = strlen (word);

  if (len < 2)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    if (strncmp (weekdays[i], word, MIN (len, 3)) == 0 &&
        (len <= 3 || strncmp (weekdays[i], word, len) == 0 ||
         g_str_equal (word, "tues") || g_str_equal (word, "thur") || g_str_equal (word, "thurs")))
      return TRUE;
  return FALSE;
}

static gboolean
match_zone (const char *word,
            int        *offset_s)
{
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (g_str_equal (zones[i].name, word))
      {
        *offset_s = zones[i].offset_min * 60;
        return TRUE;
      }
  return FALSE;
}

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* "+0200", "-05:00", "+02", "-5" */
static gboolean
parse_offset (const char *s,
              int        *offset_s)
{
  int sign, h = 0, m = 0;
  gsize len;
  g_autofree char *digits = NULL;

  if (*s != '+' && *s != '-')
    return FALSE;
  sign = *s == '-' ? -1 : 1;
  s++;
  digits = g_strdup (s);
  if (strlen (digits) == 5 && digits[2] == ':')
    memmove (digits + 2, digits + 3, 3);
  if (!all_digits (digits))
    return FALSE;
  len = strlen (digits);
  if (len == 4)
    {
      h = (digits[0] - '0') * 10 + (digits[1] - '0');
      m = (digits[2] - '0') * 10 + (digits[3] - '0');
    }
  else if (len <= 2)
    h = atoi (digits);
  else if (len == 3)
    {
      h = digits[0] - '0';
      m = atoi (digits + 1);
    }
  else
    return FALSE;
  if (h > 14 || m > 59)
    return FALSE;
  *offset_s = sign * (h * 3600 + m * 60);
  return TRUE;
}

static void handle_token (DateFields *f, const char *token);

/* "10:30", "10:30:15", "10:30:15.250", with a zone or am/pm glued on. */
static gboolean
parse_time (DateFields *f,
            const char *token)
{
  const char *p = token;
  char *end;
  long h, m;
  double s = 0;

  h = strtol (p, &end, 10);
  if (end == p || *end != ':')
    return FALSE;
  p = end + 1;
  m = strtol (p, &end, 10);
  if (end == p)
    return FALSE;
  p = end;
  if (*p == ':')
    {
      const char *start = p + 1;
      s = g_ascii_strtod (start, &end);
      if (end == start)
        return FALSE;
      p = end;
    }
  if (h < 0 || h > 24 || m < 0 || m > 59 || s < 0 || s >= 61)
    return FALSE;
  f->hour = h;
  f->minute = m;
  f->seconds = s;
  f->has_time = TRUE;
  if (*p != '\0')
    handle_token (f, p);
  return TRUE;
}

static gboolean
take_number (DateFields *f,
             const char *digits)
{
  gsize len = strlen (digits);
  int value = atoi (digits);

  if (len == 4 && f->year < 0)
    f->year = value;
  else if (len <= 2 && f->day < 0 && value >= 1 && value <= 31)
    f->day = value;
  else if (len <= 2 && f->year < 0)
    f->year = value < 50 ? 2000 + value : 1900 + value;
  else if (len == 8 && f->year < 0)
    {
      /* 20100906 */
      f->year = value / 10000;
      f->month = (value / 100) % 100;
      f->day = value % 100;
    }
  else
    return FALSE;
  return TRUE;
}

/* Numeric dates with slashes or dots: "2010/09/06", "06.09.2010", "9/6/2010". */
static gboolean
take_numeric_date (DateFields *f,
                   char      **parts,
                   char        sep)
{
  int a, b, c;

  if (g_strv_length (parts) != 3 || !all_digits (parts[0]) || !all_digits (parts[1]) ||
      !all_digits (parts[2]))
    return FALSE;
  a = atoi (parts[0]);
  b = atoi (parts[1]);
  c = atoi (parts[2]);
  if (strlen (parts[2]) <= 2)
    c = c < 50 ? 2000 + c : 1900 + c;
  if (strlen (parts[0]) == 4)
    {
      f->year = a;
      f->month = b;
      f->day = atoi (parts[2]);
    }
  else if (sep == '.' || a > 12)
    {
      f->day = a;
      f->month = b;
      f->year = c;
    }
  else
    {
      f->month = a;
      f->day = b;
      f->year = c;
    }
  return TRUE;
}

static void
handle_token (DateFields *f,
              const char *raw)
{
  g_autofree char *token = g_ascii_strdown (raw, -1);
  gsize len;
  int offset;

  g_strstrip (token);
  len = strlen (token);
  while (len > 0 && (token[len - 1] == '.' || token[len - 1] == ','))
    token[--len] = '\0';
  if (len == 0)
    return;

  if (strchr (token, ':') != NULL && g_ascii_isdigit (token[0]) && parse_time (f, token))
    return;

  if ((token[0] == '+' || token[0] == '-') && parse_offset (token, &offset))
    {
      f->offset_s = offset;
      return;
    }

  if (all_digits (token))
    {
      take_number (f, token);
      return;
    }

  if (g_ascii_isalpha (token[0]))
    {
      int month;
      char *paren;

      /* "GMT+2", "UTC-05:00" */
      if ((g_str_has_prefix (token, "gmt") || g_str_has_prefix (token, "utc")) &&
          (token[3] == '+' || token[3] == '-') && parse_offset (token + 3, &offset))
        {
          f->offset_s = offset;
          return;
        }
      paren = strchr (token, '(');
      if (paren != NULL)
        *paren = '\0';
      if (g_str_equal (token, "am") || g_str_equal (token, "a.m"))
        f->am = TRUE;
      else if (g_str_equal (token, "pm") || g_str_equal (token, "p.m"))
        f->pm = TRUE;
      else if ((month = match_month (token)) != 0 && f->month < 0)
        f->month = month;
      else if (is_weekday (token))
        ;
      else if (match_zone (token, &offset))
        f->offset_s = offset;
      /* anything else ("at", "de", military letters) carries no date */
      return;
    }

  if (g_ascii_isdigit (token[0]))
    {
      /* "6-Sep-2010", "2010/09/06", "06.09.2010", "10am", "6th" */
      char sep = strchr (token, '/') ? '/'
                 : strchr (token, '.') ? '.'
                 : strchr (token, '-') ? '-'
                 : 0;

      if (sep != 0)
        {
          char seps[2] = { sep, '\0' };
          g_auto (GStrv) parts = g_strsplit (token, seps, -1);

          if (sep != '-' && take_numeric_date (f, parts, sep))
            return;
          for (guint i = 0; parts[i] != NULL; i++)
            handle_token (f, parts[i]);
          return;
        }
      else
        {
          gsize n = strspn (token, "0123456789");
          g_autofree char *digits = g_strndup (token, n);
          const char *rest = token + n;

          if (g_str_equal (rest, "am") || g_str_equal (rest, "pm"))
            {
              f->hour = atoi (digits);
              f->minute = 0;
              f->has_time = TRUE;
              handle_token (f, rest);
            }
          else if (g_str_equal (rest, "st") || g_str_equal (rest, "nd") ||
                   g_str_equal (rest, "rd") || g_str_equal (rest, "th"))
            take_number (f, digits);
          else if (rest[0] == 'z' && rest[1] == '\0')
            take_number (f, digits);
        }
    }
}

static GDateTime *
build_date (DateFields *f)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  int hour = f->hour;

  if (f->year < 0 || f->month < 1 || f->month > 12 || f->day < 1 || f->day > 31)
    return NULL;
  if (f->year < 100)
    f->year += f->year < 50 ? 2000 : 1900;
  if (f->pm && hour < 12)
    hour += 12;
  else if (f->am && hour == 12)
    hour = 0;
  if (f->seconds >= 60)
    f->seconds = 59;

  tz = g_time_zone_new_offset (f->offset_s);
  if (hour == 24)
    {
      local = g_date_time_new (tz, f->year, f->month, f->day, 0, f->minute, f->seconds);
      if (local != NULL)
        {
          GDateTime *next = g_date_time_add_days (local, 1);
          g_date_time_unref (local);
          local = next;
        }
    }
  else
    local = g_date_time_new (tz, f->year, f->month, f->day, hour, f->minute, f->seconds);
  if (local == NULL)
    return NULL;
  return g_date_time_to_utc (local);
}

/* RFC 3339 and the ISO shapes close to it, read strictly first because the
 * generic reader would take "2010-09-06" apart as three numbers. */
static GDateTime *
parse_iso (const char *text)
{
  static GRegex *iso;
  g_autoptr(GMatchInfo) match = NULL;
  DateFields f = { -1, -1, -1, 0, 0, 0, 0, FALSE, FALSE, FALSE };
  g_autofree char *zone = NULL;
  g_autofree char *frac = NULL;

  if (g_once_init_enter (&iso))
    g_once_init_leave (&iso, g_regex_new ("^(\\d{4})-?(\\d{2})-?(\\d{2})"
                                          "(?:(?:T|t|\\s+)(\\d{1,2}):?(\\d{2})"
                                          "(?::?(\\d{2})([.,]\\d+)?)?)?"
                                          "\\s*(Z|z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?$",
                                          G_REGEX_OPTIMIZE, 0, NULL));

  if (!g_regex_match (iso, text, 0, &match))
    return NULL;

  {
    g_autofree char *y = g_match_info_fetch (match, 1);
    g_autofree char *mo = g_match_info_fetch (match, 2);
    g_autofree char *d = g_match_info_fetch (match, 3);
    g_autofree char *h = g_match_info_fetch (match, 4);
    g_autofree char *mi = g_match_info_fetch (match, 5);
    g_autofree char *s = g_match_info_fetch (match, 6);

    f.year = atoi (y);
    f.month = atoi (mo);
    f.day = atoi (d);
    if (h != NULL && *h != '\0')
      {
        f.hour = atoi (h);
        f.minute = atoi (mi);
        f.has_time = TRUE;
      }
    if (s != NULL && *s != '\0')
      f.seconds = atoi (s);
  }
  frac = g_match_info_fetch (match, 7);
  if (frac != NULL && *frac != '\0')
    {
      frac[0] = '.';
      f.seconds += g_ascii_strtod (frac, NULL);
    }
  zone = g_match_info_fetch (match, 8);
  if (zone != NULL && (zone[0] == '+' || zone[0] == '-'))
    parse_offset (zone, &f.offset_s);
  return build_date (&f);
}

/* Public API */

/**
 * tp_feed_date_parse:
 * @text: (nullable): a date as a feed wrote it
 *
 * Returns: (transfer full) (nullable): the date in UTC, or %NULL when
 *   @text holds no recognisable date
 */
GDateTime *
tp_feed_date_parse (const char *text)
{
  g_autofree char *copy = NULL;
  g_auto (GStrv) tokens = NULL;
  DateFields f = { -1, -1, -1, 0, 0, 0, 0, FALSE, FALSE, FALSE };
  GDateTime *date;

  if (text == NULL)
    return NULL;
  /* Dates are matched with UTF-8 regular expressions, which must never see
   * invalid UTF-8 (libxml2's recovery can pass such bytes through). */
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0' || strlen (copy) > 200)
    return NULL;

  date = parse_iso (copy);
  if (date != NULL)
    return date;

  g_strdelimit (copy, ",\t\r\n", ' ');
  tokens = g_strsplit (copy, " ", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      /* A "+" or "-" standing alone belongs to the offset after it. */
      if ((g_str_equal (tokens[i], "+") || g_str_equal (tokens[i], "-")) && tokens[i + 1] != NULL)
        {
          g_autofree char *joined = g_strconcat (tokens[i], tokens[i + 1], NULL);
          handle_token (&f, joined);
          i++;
          continue;
        }
      handle_token (&f, tokens[i]);
    }
  return build_date (&f);
}

/**
 * tp_feed_date_format:
 * @date: a date
 *
 * Returns: (transfer full): @date in RFC 3339, in UTC, with milliseconds
 *   only when it has some
 */
char *
tp_feed_date_format (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *base = NULL;
  int ms;

  g_return_val_if_fail (date != NULL, NULL);

  utc = g_date_time_to_utc (date);
  /* Not g_date_time_format (): its "%Y" writes the year 999 as "999",
   * which is no RFC 3339 (and sorts after "2024"). */
  base = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", g_date_time_get_year (utc),
                          g_date_time_get_month (utc), g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc), g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
  ms = g_date_time_get_microsecond (utc) / 1000;
  if (ms != 0)
    return g_strdup_printf ("%s.%03dZ", base, ms);
  return g_strconcat (base, "Z", NULL);
}

/**
 * tp_feed_date_normalize:
 * @text: (nullable): a date as a feed wrote it
 *
 * Returns: (transfer full) (nullable): the date in RFC 3339, or %NULL
 */
char *
tp_feed_date_normalize (const char *text)
{
  g_autoptr(GDateTime) date = tp_feed_date_parse (text);

  return date != NULL ? tp_feed_date_format (date) : NULL;
}
