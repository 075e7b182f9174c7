/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-text-article"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "tp-language-private.h"
#include "tp-source.h"
#include "tp-text-article-private.h"

/* Words that introduce a photo credit ("Ảnh: Sputnik", "Photo: Reuters").
 * Matched case-sensitively unless they follow an opening bracket, because
 * "ảnh" and "photo" are ordinary words in running text. */
static const char * const credit_markers[] = {
  "Ảnh", "Ảnh minh họa", "Ảnh minh hoạ", "Nguồn ảnh", "Nguồn", "Video", "Clip",
  "Photo", "Photos", "Photograph", "Photo credit", "Image", "Picture", "Credit",
  "Caption", "Source", "Фото", "Источник", "Джерело",
};

/* Bylines and credit lines, with what follows them being the author. */
static const char * const byline_prefixes[] = {
  "By ", "BY ", "Tác giả:", "Tác giả ", "Phóng viên:", "Bài:", "Bài và ảnh:",
  "Author:", "Written by ", "Reporting by ", "Автор:", "Автор ",
};

/* Honorifics and titles after which "Theo" introduces reported speech, not
 * a source line ("Theo ông Ushakov, ..."). */
static const char * const theo_speech_words[] = {
  "ông", "bà", "anh", "chị", "Tổng", "Ngoại", "Bộ", "người", "phát", "các", "một",
  "nhiều", "giới", "báo", "hãng", "trang", "đài", "thông", "tin", "lời", "quan",
  "kế", "số", "dự", "đó", "này", "như",
};

/* Auxiliary methods */

static gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2012 || c == 0x2212;
}

static gboolean
is_open_quote (gunichar c)
{
  return c == '"' || c == 0x201c || c == 0x201e || c == 0x00ab || c == 0x2018 ||
         c == '\'' || c == 0x300c;
}

static gboolean
is_close_quote (gunichar c)
{
  return c == '"' || c == 0x201d || c == 0x201c || c == 0x00bb || c == 0x2019 ||
         c == '\'' || c == 0x300d;
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

static gunichar
last_char (const char *s)
{
  const char *end = s + strlen (s);
  const char *prev;

  if (end == s)
    return 0;
  prev = g_utf8_find_prev_char (s, end);
  return prev ? g_utf8_get_char (prev) : 0;
}

static guint
count_words (const char *s)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

static gboolean
is_invisible (gunichar c)
{
  return c == 0x200b || c == 0xfeff || c == 0x00ad || c == 0x2060;
}

/* Matches a credit marker at @p followed by optional spaces and a colon;
 * returns the position after the colon, or NULL. */
static const char *
match_credit_marker (const char *p,
                     gboolean    after_bracket)
{
  for (guint i = 0; i < G_N_ELEMENTS (credit_markers); i++)
    {
      const char *m = credit_markers[i];
      gsize n = strlen (m);
      const char *q;

      if (after_bracket)
        {
          g_autofree char *a = g_utf8_casefold (p, MIN (strlen (p), n + 8));
          g_autofree char *b = g_utf8_casefold (m, -1);

          if (!g_str_has_prefix (a, b))
            continue;
          /* Case folding keeps the byte length for the letters used here. */
        }
      else if (strncmp (p, m, n) != 0)
        continue;

      q = p + n;
      while (*q == ' ')
        q++;
      if (*q == ':')
        return q + 1;
    }
  return NULL;
}

static gboolean
is_source_credit (const char *marker)
{
  static const char * const sources[] = {
    "Nguồn:", "Nguồn :", "nguồn:", "Источник:", "Джерело:", "Credit:", "Source:",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (g_str_has_prefix (marker, sources[i]))
      return TRUE;
  return FALSE;
}

/* The end of a credit that starts at @p (just after "Ảnh:"): a closing
 * bracket, the end of its sentence, or the end of the line. */
static const char *
find_credit_end (const char *p,
                 gboolean    bracketed)
{
  const char *q = p;
  guint chars = 0;

  for (; *q; q = g_utf8_next_char (q), chars++)
    {
      gunichar c = g_utf8_get_char (q);

      if (bracketed && (c == ')' || c == ']'))
        return q + 1;
      if (!bracketed && c == '|')
        return q;
      if (!bracketed && c == '.' && (q[1] == '\0' || q[1] == ' '))
        {
          /* "Ảnh: T.L." and "Ảnh: AP." — an initial is not the end. */
          const char *prev = g_utf8_find_prev_char (p, q);
          const char *prev2 = prev ? g_utf8_find_prev_char (p, prev) : NULL;

          if (prev2 != NULL && g_unichar_isupper (g_utf8_get_char (prev)) &&
              !g_unichar_isalpha (g_utf8_get_char (prev2)) && q[1] == ' ' &&
              g_unichar_isupper (g_utf8_get_char (q + 2)) && chars < 20)
            continue;
          return q + 1;
        }
      if (chars > 120)
        break;
    }
  return bracketed ? NULL : q;
}

/* The start of the sentence that ends just before @pos in @line. */
static const char *
find_sentence_start (const char *line,
                     const char *pos)
{
  const char *p = pos;
  gboolean seen_text = FALSE;

  while (p > line)
    {
      const char *prev = g_utf8_find_prev_char (line, p);
      gunichar c = g_utf8_get_char (prev);

      if (seen_text && (is_sentence_end (c) || c == '|') && p < pos && *p == ' ')
        return p + 1;
      if (!g_unichar_isspace (c) && !is_sentence_end (c) && !is_close_quote (c))
        seen_text = TRUE;
      p = prev;
    }
  return line;
}

static gboolean
starts_with_word (const char *s,
                  const char *word)
{
  gsize n = strlen (word);

  return strncmp (s, word, n) == 0 && (s[n] == ' ' || s[n] == ',' || s[n] == '\0');
}

/* Vietnamese online papers open with their abbreviation: "TTO - ",
 * "NLĐO - ", "VOV.VN - ". Other capitals before a dash ("NATO - ", "US -
 * Russia ...") are text, so only these and web addresses count. */
static gboolean
is_outlet_abbreviation (const char *token,
                        gsize       len)
{
  static const char * const known[] = {
    "TTO", "NLĐO", "PLO", "SGGPO", "TPO", "VOV", "VTV", "ANTĐ", "CAND", "QĐND", "VNA",
    "TTXVN", "GDVN", "DNVN", "VTC", "VNE", "ĐĐK", "VTCNEWS", "BNEWS", "KTĐT",
  };
  g_autofree char *word = g_strndup (token, len);
  g_autofree char *upper = g_utf8_strup (word, -1);

  if (strstr (upper, ".VN") != NULL || strstr (upper, ".COM") != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (upper, known[i]))
      return TRUE;
  return FALSE;
}

/* "MOSCOW", "KYIV, Nov 3", "WASHINGTON, Ukraine": a dateline opens with a
 * place in capitals. */
static gboolean
is_dateline (const char *s,
             gsize       len)
{
  guint upper = 0;
  const char *p = s;

  if (len == 0)
    return TRUE;
  if (len > 60)
    return FALSE;
  for (; p < s + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',' || c == ' ')
        break;
      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isupper (c))
        upper++;
    }
  if (upper < 2)
    return FALSE;
  for (p = s; p < s + len; p++)
    if (*p == '.' && p + 1 < s + len && p[1] == ' ' && !g_ascii_isalpha (p[-1]))
      return FALSE;
  return TRUE;
}

/* Public API (private to src/ingest) */

/**
 * _tp_text_clean_line:
 *
 * Collapses every run of Unicode white space into one space, drops
 * zero-width characters and control characters, and trims.
 *
 * Returns: (transfer full): the cleaned line
 */
char *
_tp_text_clean_line (const char *line,
                     gssize      len)
{
  const char *end = line + (len < 0 ? strlen (line) : (gsize) len);
  GString *out = g_string_sized_new (end - line);
  gboolean pending_space = FALSE;

  for (const char *p = line; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && !g_ascii_isspace (c) && c >= 0x20 && c != 0x7f)
        {
          if (pending_space && out->len > 0)
            g_string_append_c (out, ' ');
          pending_space = FALSE;
          g_string_append_c (out, (char) c);
          continue;
        }
      if (g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f || c == 0x2007)
        {
          pending_space = TRUE;
          continue;
        }
      if (is_invisible (c) || c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        continue;
      if (pending_space && out->len > 0)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * _tp_text_is_caption_line:
 * @line: a cleaned line
 *
 * Whether the whole line is a photo caption or a credit: framed by `|`,
 * opening with a credit (`(Ảnh: Reuters)`, `Photo: ...`), or ending with
 * an agency photo credit (`REUTERS/Name`).
 */
gboolean
_tp_text_is_caption_line (const char *line)
{
  const char *p = line;
  gsize len = strlen (line);

  if (len == 0)
    return FALSE;
  if (line[0] == '|' || line[len - 1] == '|')
    return TRUE;
  if (*p == '(' || *p == '[')
    {
      if (match_credit_marker (p + 1, TRUE))
        return TRUE;
    }
  else if (match_credit_marker (p, FALSE))
    return TRUE;

  if (len < 600)
    {
      static const char * const agency_credits[] = {
        "REUTERS/", "Reuters/", "AP Photo/", "AFP via Getty", "Getty Images", "/AFP",
        "/ AFP", "EPA-EFE/", "/TASS", "Sputnik/", "/Anadolu",
      };
      const char *tail = line + (len > 80 ? len - 80 : 0);

      for (guint i = 0; i < G_N_ELEMENTS (agency_credits); i++)
        if (strstr (tail, agency_credits[i]) != NULL)
          return TRUE;
    }
  return FALSE;
}

/**
 * _tp_text_split_caption:
 * @line: a cleaned line
 * @captions: where captions found in the line go
 *
 * Splits captions and credits out of a line: a whole caption line goes to
 * @captions; a caption sentence glued to a paragraph ("... Putin. Ảnh:
 * Sputnik. Ông Peskov cho biết ...") is cut out with its credit.
 *
 * Returns: (transfer full): what remains of the line, possibly empty
 */
char *
_tp_text_split_caption (const char *line,
                        GPtrArray  *captions)
{
  GString *rest = g_string_new (NULL);
  const char *p = line;

  /* A bare frame marker "|" carries nothing. */
  if (strspn (line, "| ") == strlen (line))
    return g_string_free (rest, FALSE);

  if (_tp_text_is_caption_line (line))
    {
      g_autofree char *copy = g_strdup (line);

      g_strstrip (g_strdelimit (copy, "|", ' '));
      if (*copy)
        g_ptr_array_add (captions, _tp_text_clean_line (copy, -1));
      return g_string_free (rest, FALSE);
    }

  while (*p)
    {
      const char *hit = NULL, *credit_text = NULL;
      gboolean bracketed = FALSE;

      for (const char *q = p; *q; q = g_utf8_next_char (q))
        {
          gboolean after_bracket = (*q == '(' || *q == '[');
          const char *marker = after_bracket ? q + 1 : q;

          if (q > p && !after_bracket && q[-1] != ' ')
            continue;
          if (!after_bracket && q > line)
            {
              /* Unbracketed credits follow the end of a sentence. */
              const char *prev = g_utf8_find_prev_char (line, q - 1);

              if (prev == NULL || !(is_sentence_end (g_utf8_get_char (prev)) ||
                                    is_close_quote (g_utf8_get_char (prev))))
                continue;
            }
          credit_text = match_credit_marker (marker, after_bracket);
          if (credit_text != NULL)
            {
              hit = q;
              bracketed = after_bracket;
              break;
            }
        }

      if (hit == NULL)
        break;
      else
        {
          const char *credit_end = find_credit_end (credit_text, bracketed);
          const char *cap_start;
          g_autofree char *caption = NULL;

          if (credit_end == NULL)
            break;
          /* A photo credit closes its caption sentence; a source credit
           * ("Nguồn: Reuters") closes ordinary text, which stays. */
          cap_start = is_source_credit (bracketed ? hit + 1 : hit) ? hit
                                                                : find_sentence_start (p, hit);
          g_string_append_len (rest, p, cap_start - p);
          caption = _tp_text_clean_line (cap_start, credit_end - cap_start);
          g_strstrip (g_strdelimit (caption, "|", ' '));
          if (*caption)
            g_ptr_array_add (captions, g_steal_pointer (&caption));
          p = credit_end;
          while (*p == ' ' || *p == '|')
            p++;
          if (*p && rest->len > 0 && rest->str[rest->len - 1] != ' ')
            g_string_append_c (rest, ' ');
        }
    }
  g_string_append (rest, p);
  {
    char *cleaned = _tp_text_clean_line (rest->str, rest->len);

    g_string_free (rest, TRUE);
    return cleaned;
  }
}

/**
 * _tp_text_strip_outlet_prefix:
 * @line: a cleaned paragraph
 * @outlet: (out): the outlet named by the prefix
 *
 * Recognises `(VTC News) -`, `(Dân trí) -`, `MOSCOW (Reuters) -`,
 * `KYIV, Nov 3 (Reuters) -` and `TTO -` at the start of a paragraph.
 *
 * Returns: a pointer into @line after the prefix, or @line itself
 */
const char *
_tp_text_strip_outlet_prefix (const char  *line,
                              char       **outlet)
{
  const char *open = NULL, *close = NULL, *p;

  *outlet = NULL;

  /* Dateline and bracketed outlet. */
  for (p = line; *p && p - line < 80; p++)
    if (*p == '(')
      {
        open = p;
        break;
      }
  if (open != NULL && is_dateline (line, open > line ? open - line - 1 : 0) &&
      (open == line || open[-1] == ' '))
    {
      close = strchr (open, ')');
      if (close != NULL && close - open > 1 && close - open <= 40 &&
          memchr (open + 1, '(', close - open - 1) == NULL &&
          match_credit_marker (open + 1, TRUE) == NULL)
        {
          const char *q = close + 1;

          while (*q == ' ')
            q++;
          if (is_dash (g_utf8_get_char (q)))
            {
              q = g_utf8_next_char (q);
              while (*q == ' ')
                q++;
              *outlet = g_strstrip (g_strndup (open + 1, close - open - 1));
              return q;
            }
        }
    }

  /* "TTO - ", "VOV.VN - ", "NLĐO - ": an outlet's abbreviation in capitals. */
  {
    guint upper = 0;

    for (p = line; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (g_unichar_isupper (c) || g_unichar_isdigit (c))
          upper++;
        else if (c != '.' && !(c == 'v' || c == 'n'))
          break;
      }
    if (upper >= 2 && p - line <= 20 && *p == ' ' && is_outlet_abbreviation (line, p - line))
      {
        const char *q = p + 1;

        if (is_dash (g_utf8_get_char (q)))
          {
            q = g_utf8_next_char (q);
            if (*q == ' ' || *q == '\0')
              {
                while (*q == ' ')
                  q++;
                *outlet = g_strndup (line, p - line);
                return q;
              }
          }
      }
  }
  return line;
}

/**
 * _tp_text_strip_outlet_suffix:
 * @line: a cleaned paragraph, modified in place
 * @outlet: (out): the outlet
 *
 * Removes an outlet prefix that ended up at the end of the text, as when a
 * page's parts were copied out of order: `... bác bỏ. (VTC News) -`.
 */
gboolean
_tp_text_strip_outlet_suffix (char  *line,
                              char **outlet)
{
  gsize len = strlen (line);
  char *end = line + len;
  char *p = end;
  char *open, *close;

  *outlet = NULL;
  while (p > line && (p[-1] == ' ' || p[-1] == '-'))
    p--;
  /* an en or em dash */
  while (p - line >= 3 && (guchar) p[-3] == 0xe2 && (guchar) p[-2] == 0x80 &&
         ((guchar) p[-1] == 0x93 || (guchar) p[-1] == 0x94))
    {
      p -= 3;
      while (p > line && p[-1] == ' ')
        p--;
    }
  if (p == end || p == line || p[-1] != ')')
    return FALSE;
  close = p - 1;
  open = close;
  while (open > line && *open != '(')
    open--;
  if (*open != '(' || close - open <= 1 || close - open > 40 ||
      match_credit_marker (open + 1, TRUE) != NULL)
    return FALSE;
  *outlet = g_strstrip (g_strndup (open + 1, close - open - 1));
  while (open > line && open[-1] == ' ')
    open--;
  *open = '\0';
  return TRUE;
}

/**
 * _tp_text_parse_byline:
 * @line: a cleaned line
 *
 * Recognises a byline or author line: `By Jane Doe`, `Tác giả: X`,
 * `Reporting by X; Editing by Y`, `Theo Reuters`, `Minh Anh (Theo TASS)`.
 *
 * Returns: (transfer full) (nullable): the author, or %NULL
 */
char *
_tp_text_parse_byline (const char *line)
{
  guint words = count_words (line);
  gunichar last = last_char (line);
  const char *p = line;

  if (*p == '(' && last == ')')
    {
      g_autofree char *inner = g_strndup (line + 1, strlen (line) - 2);
      char *author = _tp_text_parse_byline (inner);

      if (author != NULL && g_str_has_prefix (inner, "Reporting"))
        return author;
      g_free (author);
      return NULL;
    }

  if (words == 0 || words > 14 || strlen (line) > 160)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (byline_prefixes); i++)
    if (g_str_has_prefix (line, byline_prefixes[i]))
      {
        const char *rest = line + strlen (byline_prefixes[i]);
        gboolean names = TRUE;
        g_auto(GStrv) tokens = NULL;
        char *author;

        while (*rest == ' ')
          rest++;
        if (*rest == '\0')
          return NULL;
        if (g_str_has_prefix (byline_prefixes[i], "Reporting"))
          {
            const char *semi = strchr (rest, ';');

            return semi ? g_strstrip (g_strndup (rest, semi - rest)) : g_strdup (rest);
          }
        /* "By Friday the troops..." is a sentence, not a byline: every word
         * of a byline is a name or a joining word. */
        tokens = g_strsplit (rest, " ", -1);
        for (guint t = 0; tokens[t]; t++)
          {
            gunichar c = g_utf8_get_char (tokens[t]);

            if (*tokens[t] == '\0' || g_unichar_isupper (c) || !g_unichar_isalpha (c))
              continue;
            if (g_str_equal (tokens[t], "and") || g_str_equal (tokens[t], "và") ||
                g_str_equal (tokens[t], "in") || g_str_equal (tokens[t], "de") ||
                g_str_equal (tokens[t], "van") || g_str_equal (tokens[t], "von") ||
                g_str_equal (tokens[t], "и"))
              continue;
            names = FALSE;
            break;
          }
        if (!names || (last == '.' && words > 4))
          return NULL;
        author = g_strdup (rest);
        return g_strstrip (author);
      }

  /* "Theo Reuters", "Theo VnExpress": a source line, when short and not
   * reported speech ("Theo ông Ushakov, ..."). */
  if (starts_with_word (line, "Theo") && words <= 6 && strchr (line, ',') == NULL &&
      !is_sentence_end (last))
    {
      const char *rest = line + strlen ("Theo ");

      for (guint i = 0; i < G_N_ELEMENTS (theo_speech_words); i++)
        if (starts_with_word (rest, theo_speech_words[i]))
          return NULL;
      if (g_unichar_isupper (g_utf8_get_char (rest)))
        return g_strdup (rest);
      return NULL;
    }

  /* "Minh Anh (Theo TASS)", "Thu Hà (tổng hợp)". */
  if (last == ')' && words <= 8)
    {
      const char *open = strrchr (line, '(');

      if (open != NULL && open > line &&
          (g_str_has_prefix (open + 1, "Theo ") || g_str_has_prefix (open + 1, "tổng hợp") ||
           g_str_has_prefix (open + 1, "Tổng hợp") || g_str_has_prefix (open + 1, "lược dịch")))
        {
          g_autofree char *name = g_strstrip (g_strndup (line, open - line));
          gboolean names = *name != '\0';
          g_auto(GStrv) tokens = g_strsplit (name, " ", -1);

          for (guint t = 0; tokens[t]; t++)
            if (!g_unichar_isupper (g_utf8_get_char (tokens[t])))
              names = FALSE;
          if (names)
            return g_steal_pointer (&name);
        }
    }
  return NULL;
}

/* Words a dateline carries besides the date itself. */
static const char * const date_line_words[] = {
  "thứ", "hai", "ba", "tư", "năm", "sáu", "bảy", "chủ", "nhật", "ngày", "tháng", "cập",
  "nhật", "đăng", "lúc", "gmt", "utc", "ict", "et", "est", "edt", "bst", "cet", "cest",
  "msk", "am", "pm", "updated", "published", "posted", "last", "on", "at", "monday",
  "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed",
  "thu", "fri", "sat", "sun", "h", "giờ", "sa", "ch", "опубликовано", "обновлено",
};

static const char * const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static int
month_from_word (const char *word)
{
  g_autofree char *lower = g_ascii_strdown (word, -1);

  if (strlen (lower) < 3)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (g_str_has_prefix (lower, month_names[i]))
      {
        /* "march", "mar.", "sept" — but not "marshal" */
        static const char * const full[] = {
          "january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december",
        };
        gsize n = strlen (lower);

        if (lower[n - 1] == '.')
          lower[--n] = '\0';
        if (n <= 4 || g_str_has_prefix (full[i], lower))
          return i + 1;
      }
  return 0;
}

static char *
format_date (int year,
             int month,
             int day)
{
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month (month, year))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/**
 * _tp_text_parse_date_line:
 * @line: a cleaned line
 *
 * Recognises a line that only gives the publication date, as copied from
 * a page: `Thứ Năm, 04/07/2024 10:30 (GMT+7)`, `Cập nhật: 4-7-2024`,
 * `Updated November 3, 2024 4:12 PM GMT`, `2024-07-04`.
 *
 * Returns: (transfer full) (nullable): the date as YYYY-MM-DD
 */
char *
_tp_text_parse_date_line (const char *line)
{
  g_autofree char *date = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autofree char *lower = NULL;
  guint other_words = 0;
  int numbers[3] = { 0 }, n_numbers = 0, month_word = 0;

  if (g_utf8_strlen (line, -1) > 80)
    return NULL;
  lower = g_utf8_strdown (line, -1);
  tokens = g_strsplit_set (lower, " ,|()[]:", -1);
  for (guint i = 0; tokens[i]; i++)
    {
      const char *t = tokens[i];
      gboolean known = FALSE;

      if (*t == '\0' || strcmp (t, "-") == 0 || strcmp (t, "–") == 0)
        continue;
      /* 04/07/2024, 4-7-2024, 2024-07-04 */
      if (g_ascii_isdigit (*t) && date == NULL && n_numbers == 0 &&
          (strchr (t, '/') || strchr (t, '-') || strchr (t, '.')))
        {
          g_auto(GStrv) parts = g_strsplit_set (t, "/-.", -1);

          if (g_strv_length (parts) == 3)
            {
              int a = atoi (parts[0]), b = atoi (parts[1]), c = atoi (parts[2]);

              date = strlen (parts[0]) == 4 ? format_date (a, b, c) : format_date (c, b, a);
              if (date != NULL)
                continue;
            }
        }
      if (g_ascii_isdigit (*t))
        {
          /* 10:30 was split at ':'; "10h30", "2024", "3", "gmt+7" parts */
          gboolean digits = TRUE;

          for (const char *p = t; *p; p++)
            if (!g_ascii_isdigit (*p) && *p != 'h' && *p != '+')
              digits = FALSE;
          if (!digits)
            return NULL;
          if (strlen (t) <= 4 && n_numbers < 3 && strchr (t, 'h') == NULL)
            numbers[n_numbers++] = atoi (t);
          continue;
        }
      if (month_word == 0 && (month_word = month_from_word (t)) != 0)
        continue;
      if (t[0] == 'g' && g_str_has_prefix (t, "gmt"))
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (date_line_words) && !known; j++)
        known = strcmp (t, date_line_words[j]) == 0;
      if (!known && ++other_words > 1)
        return NULL;
    }

  if (date == NULL && month_word != 0 && n_numbers >= 2)
    {
      /* "November 3, 2024" or "3 November 2024", then perhaps a time */
      int day = numbers[0] <= 31 ? numbers[0] : numbers[1];
      int year = numbers[0] > 31 ? numbers[0] : numbers[1];

      date = format_date (year, month_word, day);
    }
  else if (date == NULL && strstr (lower, "tháng") != NULL && n_numbers >= 3)
    /* "ngày 4 tháng 7 năm 2024" */
    date = format_date (numbers[2], numbers[1], numbers[0]);

  return g_steal_pointer (&date);
}

/* The author's name alone on the last line, as Vietnamese papers sign
 * ("Minh Anh", "Thanh Hà"): two to four capitalised words, nothing else. */
static gboolean
reads_as_signature (const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  guint n = g_strv_length (words);

  if (n < 2 || n > 4)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const char *w = words[i];

      if (!g_unichar_isupper (g_utf8_get_char (w)))
        return FALSE;
      for (const char *p = w; *p; p = g_utf8_next_char (p))
        if (!g_unichar_isalpha (g_utf8_get_char (p)))
          return FALSE;
    }
  return TRUE;
}

/**
 * _tp_text_reads_as_headline:
 *
 * A headline is short, has no final period and is not a quotation.
 */
gboolean
_tp_text_reads_as_headline (const char *line)
{
  glong chars = g_utf8_strlen (line, -1);
  guint words = count_words (line);
  gunichar first = g_utf8_get_char (line);
  gunichar last = last_char (line);

  if (chars < 4 || chars > 200 || words < 2 || words > 30)
    return FALSE;
  if (is_open_quote (first) || first == '(' || first == '|' || first == '-')
    return FALSE;
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '|' ||
      is_close_quote (last) || is_dash (last))
    return FALSE;
  if (g_unichar_islower (first))
    return FALSE;
  return TRUE;
}

/**
 * _tp_article_take_body:
 * @article: the article being built
 * @body: (transfer full): the body, paragraphs one "\n" apart
 *
 * Sets the body without copying it once more, and fills in the language
 * when the source did not declare it.
 */
void
_tp_article_take_body (TpArticle *article,
                       GString   *body)
{
  g_free (article->body);
  article->body = g_string_free (body, FALSE);
  g_free (article->content_hash);
  article->content_hash = tp_article_compute_hash (article->body);

  if (article->language == NULL)
    article->language = g_strdup (_tp_language_detect (article->body, -1));
}

/**
 * _tp_article_finish:
 * @article: the article being built
 * @paragraphs: (element-type utf8): cleaned body paragraphs
 *
 * Joins the paragraphs into the body, one "\n" apart.
 */
void
_tp_article_finish (TpArticle *article,
                    GPtrArray *paragraphs)
{
  GString *body = g_string_new (NULL);

  for (guint i = 0; i < paragraphs->len; i++)
    {
      const char *para = g_ptr_array_index (paragraphs, i);

      if (*para == '\0')
        continue;
      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, para);
    }
  _tp_article_take_body (article, body);
}

/* Plain text, a line at a time */

typedef struct
{
  TpArticle *article;
  GString   *body;
  gsize      last_start;      /* where the last paragraph starts in body */
  guint      n_paragraphs;
  guint      n_lines;         /* non-blank source lines */
  gboolean   first_seen;
} TextState;

/* Splits off the next line ("\n", "\r\n", "\r", U+2028, U+2029). */
static gboolean
next_line (const char **pos,
           const char  *end,
           const char **line,
           gsize       *line_len)
{
  const char *p = *pos;
  const char *q = p;

  if (p >= end)
    return FALSE;
  while (q < end && *q != '\n' && *q != '\r' &&
         !((guchar) q[0] == 0xe2 && q + 2 < end && (guchar) q[1] == 0x80 &&
           ((guchar) q[2] == 0xa8 || (guchar) q[2] == 0xa9)))
    q++;
  *line = p;
  *line_len = q - p;
  if (q < end && *q == '\r' && q + 1 < end && q[1] == '\n')
    q += 2;
  else if (q < end && (guchar) *q == 0xe2)
    q += 3;
  else if (q < end)
    q++;
  *pos = q;
  return TRUE;
}

static gboolean
line_is_blank (const char *line,
               gsize       len)
{
  const char *end = line + len;

  for (const char *p = line; p < end; p = g_utf8_next_char (p))
    {
      gunichar c;

      if (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\v')
        continue;
      if ((guchar) *p < 0x80)
        return FALSE;
      c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && !is_invisible (c) && c != 0x00a0 && c != 0x202f &&
          !(c >= 0x80 && c < 0xa0))
        return FALSE;
    }
  return TRUE;
}

static void
add_paragraph (TextState  *st,
               const char *text)
{
  if (st->body->len > 0)
    g_string_append_c (st->body, '\n');
  st->last_start = st->body->len;
  g_string_append (st->body, text);
  st->n_paragraphs++;
}

/* One logical line: a paragraph, a caption, a byline, the outlet prefix
 * or the title. */
static void
process_line (TextState *st,
              char      *line,
              guint      index,
              gboolean   more_after)
{
  TpArticle *article = st->article;
  g_autofree char *rest = NULL;
  g_autofree char *author = NULL;
  g_autofree char *outlet = NULL;
  const char *body_part;
  gboolean is_first = !st->first_seen;

  st->first_seen = TRUE;
  if (line[0] == '#' && is_first)
    {
      /* A Markdown heading. */
      gsize skip = strspn (line, "# ");

      memmove (line, line + skip, strlen (line + skip) + 1);
    }

  rest = _tp_text_split_caption (line, article->captions);
  if (*rest == '\0')
    return;

  /* A dateline near the top or at the end gives the publication date. */
  if (st->n_paragraphs <= 2 || index + 3 >= st->n_lines)
    {
      g_autofree char *date = _tp_text_parse_date_line (rest);

      if (date != NULL)
        {
          if (article->published == NULL)
            article->published = g_steal_pointer (&date);
          if (is_first)
            st->first_seen = FALSE;
          return;
        }
    }

  if (is_first && more_after && _tp_text_reads_as_headline (rest))
    {
      g_autofree char *prefix_outlet = NULL;
      g_autofree char *byline = _tp_text_parse_byline (rest);

      if (_tp_text_strip_outlet_prefix (rest, &prefix_outlet) == rest && byline == NULL)
        {
          article->title = g_steal_pointer (&rest);
          return;
        }
    }

  /* Bylines near the top or at the end. */
  if (st->n_paragraphs <= 2 || index + 3 >= st->n_lines)
    {
      author = _tp_text_parse_byline (rest);
      if (author == NULL && index + 1 == st->n_lines && st->n_paragraphs >= 2 &&
          reads_as_signature (rest))
        author = g_strdup (rest);
      if (author != NULL)
        {
          if (article->author == NULL)
            article->author = g_steal_pointer (&author);
          return;
        }
    }

  body_part = rest;
  if (st->n_paragraphs == 0)
    {
      body_part = _tp_text_strip_outlet_prefix (rest, &outlet);
      if (outlet != NULL && article->outlet == NULL)
        article->outlet = g_steal_pointer (&outlet);
    }
  if (*body_part != '\0')
    add_paragraph (st, body_part);
}

/**
 * _tp_text_article_parse:
 * @article: the article to fill
 * @text: NFC UTF-8 text, not necessarily nul-terminated
 * @len: its length in bytes
 * @error: return location for a #TP_INGEST_ERROR
 *
 * Reads a plain-text article: paragraphs (one a line, or blank-line
 * separated blocks of wrapped lines), captions and credits set apart, the
 * outlet prefix and bylines removed, and a title when the first line reads
 * as a headline. Works a line at a time so that a very large file costs
 * little more than its body.
 */
gboolean
_tp_text_article_parse (TpArticle   *article,
                        const char  *text,
                        gsize        len,
                        GError     **error)
{
  TextState st = { article, NULL, 0, 0, 0, FALSE };
  const char *end = text + len;
  const char *pos, *line;
  gsize line_len;
  guint joinable = 0, wrapped_lines = 0, max_len = 0, index = 0;
  gboolean has_blank = FALSE, prev_blank = TRUE, wrapped;
  GString *block = NULL;
  guint block_index = 0;

  /* First pass: how many lines, and whether the text is hard-wrapped
   * inside blank-line separated paragraphs (then lines are joined). */
  pos = text;
  while (next_line (&pos, end, &line, &line_len))
    {
      gboolean blank = line_is_blank (line, line_len);

      if (blank)
        has_blank = TRUE;
      else
        {
          guint chars = g_utf8_strlen (line, line_len);

          st.n_lines++;
          max_len = MAX (max_len, chars);
          if (!prev_blank)
            {
              joinable++;
              if (chars >= 40 && chars <= 100)
                wrapped_lines++;
            }
        }
      prev_blank = blank;
    }
  if (st.n_lines == 0)
    {
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_EMPTY,
                   _("The file is empty. Choose a file that contains an article."));
      return FALSE;
    }
  wrapped = has_blank && max_len <= 100 && joinable >= 2 && wrapped_lines * 10 >= joinable * 6;

  st.body = g_string_sized_new (MIN (len + 1, 1024 * 1024));
  pos = text;
  while (next_line (&pos, end, &line, &line_len))
    {
      g_autofree char *clean = NULL;

      if (line_is_blank (line, line_len))
        {
          if (block != NULL)
            {
              g_autofree char *joined = g_string_free (g_steal_pointer (&block), FALSE);
              process_line (&st, joined, block_index, block_index + 1 < st.n_lines);
            }
          continue;
        }
      clean = _tp_text_clean_line (line, line_len);
      index++;
      if (!wrapped)
        {
          process_line (&st, clean, index - 1, index < st.n_lines);
          continue;
        }
      if (_tp_text_is_caption_line (clean))
        {
          if (block != NULL)
            {
              g_autofree char *joined = g_string_free (g_steal_pointer (&block), FALSE);
              process_line (&st, joined, block_index, TRUE);
            }
          process_line (&st, clean, index - 1, index < st.n_lines);
          continue;
        }
      if (block == NULL)
        block = g_string_new (clean);
      else
        {
          g_string_append_c (block, ' ');
          g_string_append (block, clean);
        }
      block_index = index - 1;
    }
  if (block != NULL)
    {
      g_autofree char *joined = g_string_free (g_steal_pointer (&block), FALSE);
      process_line (&st, joined, block_index, FALSE);
    }

  /* An outlet prefix glued to the end of the text. */
  if (st.n_paragraphs > 0)
    {
      char *last = st.body->str + st.last_start;
      g_autofree char *outlet = NULL;

      if (_tp_text_strip_outlet_suffix (last, &outlet))
        {
          if (article->outlet == NULL)
            article->outlet = g_steal_pointer (&outlet);
          if (*last == '\0')
            {
              g_string_truncate (st.body, st.last_start > 0 ? st.last_start - 1 : 0);
              st.n_paragraphs--;
            }
          else
            g_string_truncate (st.body, st.last_start + strlen (last));
        }
    }

  if (st.n_paragraphs == 0)
    {
      g_string_free (st.body, TRUE);
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_NO_TEXT,
                   _("The file holds only captions, credits or a headline, no article text "
                     "to analyse. Import the full article."));
      return FALSE;
    }

  _tp_article_take_body (article, st.body);
  return TRUE;
}
