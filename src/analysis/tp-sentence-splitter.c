/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-sentence-splitter"

#include "config.h"

#include <string.h>

#include "tp-fold.h"
#include "tp-quote-scanner.h"
#include "tp-sentence-splitter.h"
#include "tp-trie.h"

/* Sentences end at . ! ? … followed by a space and a capital, digit or
 * opening mark, and at every paragraph break; never inside a quotation
 * (which may hold several sentences, or several paragraphs in English).
 * A period does not end a sentence after an initial (J. Smith), after a
 * word that already holds a period (U.S., TP.HCM) or after a known
 * abbreviation; numbers and dates (2.000, 3/7) hold no period followed by
 * a space. */

static const char *abbreviations[] = {
  "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "adm",
  "sen", "rep", "gov", "pres", "prof", "jr", "sr", "vol", "fig", "approx",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "inc", "corp", "ltd", "vs", "ts", "ths", "pgs", "gs", "bs", "tp",
  "nxb", "pp", "cf", "e.g", "i.e",
  "г", "гг", "ул", "т", "им",
};

static GHashTable *abbreviation_set;

/* Auxiliary methods */

static gpointer
build_abbreviations (gpointer data)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    g_hash_table_add (set, (gpointer) abbreviations[i]);
  return set;
}

static inline gboolean
is_closing_mark (gunichar c)
{
  return c == 0x201D || c == '"' || c == 0x00BB || c == 0x2019 || c == '\'' || c == ')'
         || c == ']' || c == 0x201C;
}

static inline gboolean
is_terminal (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/* Whether what follows a terminal (after spaces) starts a new sentence. */
static gboolean
starts_sentence (gunichar c)
{
  return g_unichar_isupper (c) || g_unichar_istitle (c) || g_unichar_isdigit (c)
         || c == 0x201C || c == '"' || c == 0x00AB || c == 0x201E || c == 0x2018
         || c == '(' || c == '[' || c == 0x2014 || c == 0x2013 || c == '-'
         || c == 0x201D;
}

/* Whether the period at @dot ends an abbreviation or initial. */
static gboolean
period_is_abbreviation (const gunichar *text,
                        gsize           line_start,
                        gsize           dot)
{
  gsize w = dot;
  gboolean inner_period = FALSE;
  char buf[32];
  gsize n = 0;

  while (w > line_start && !tp_is_space (text[w - 1]) && text[w - 1] != '('
         && text[w - 1] != 0x201C && text[w - 1] != '"')
    {
      w--;
      if (text[w] == '.')
        inner_period = TRUE;
    }
  if (w == dot)
    return FALSE;
  /* U.S. and TP.HCM hold a period inside; a single letter is an initial. */
  if (inner_period)
    return TRUE;
  if (dot - w == 1 && g_unichar_isalpha (text[w]) && g_unichar_isupper (text[w]))
    return TRUE;
  if (dot - w > 6)
    return FALSE;
  for (gsize p = w; p < dot; p++)
    n += g_unichar_to_utf8 (tp_fold_char (text[p]), buf + n);
  buf[n] = '\0';
  {
    static GOnce once = G_ONCE_INIT;

    g_once (&once, build_abbreviations, NULL);
    abbreviation_set = once.retval;
  }
  return g_hash_table_contains (abbreviation_set, buf);
}

static void
push_sentence (GArray         *out,
               const gunichar *text,
               gsize           start,
               gsize           end,
               guint           paragraph)
{
  TpSpan span;

  while (start < end && tp_is_space (text[start]))
    start++;
  while (end > start && tp_is_space (text[end - 1]))
    end--;
  if (end <= start)
    return;
  span.start = start;
  span.end = end;
  span.paragraph = paragraph;
  g_array_append_val (out, span);
}

/* Public API */

/**
 * tp_split_sentences:
 * @text: the body as characters
 * @len: number of characters
 * @quotes: (element-type TpQuote): the quotations of @text, sorted
 *
 * Returns: (transfer full) (element-type TpSpan): the sentences, in order
 */
GArray *
tp_split_sentences (const gunichar *text,
                    gsize           len,
                    GArray         *quotes)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (TpSpan));
  gsize start = 0;
  gsize line_start = 0;
  guint paragraph = 0;
  guint start_paragraph = 0;
  guint qi = 0;

  for (gsize i = 0; i < len; i++)
    {
      gunichar c = text[i];

      /* Only quotation marks, paragraph breaks and terminals matter. */
      if (c != '\n' && !is_terminal (c) && c != '"' && c != 0x201C && c != 0x201E
          && c != 0x00AB && c != 0x2018 && c != '\'' && c != 0x201D)
        continue;

      /* Jump over a top-level quotation: no boundary inside it. */
      while (qi < quotes->len
             && (g_array_index (quotes, TpQuote, qi).depth > 0
                 || g_array_index (quotes, TpQuote, qi).close < i))
        qi++;
      if (qi < quotes->len && g_array_index (quotes, TpQuote, qi).open == i)
        {
          const TpQuote *q = &g_array_index (quotes, TpQuote, qi);
          gsize close = q->close;

          for (gsize p = i; p < close; p++)
            if (text[p] == '\n')
              {
                paragraph++;
                line_start = p + 1;
              }
          qi++;
          /* A quotation that ends its own sentence ("… đất nước." Ông…)
           * ends the sentence after its closing mark. */
          if (close > i + 1 && is_terminal (text[close - 1]))
            {
              gsize j = close + 1;

              while (j < len && (text[j] == ' ' || text[j] == 0x00A0))
                j++;
              if (j < len && j > close + 1 && text[j] != '\n' && starts_sentence (text[j]))
                {
                  push_sentence (out, text, start, close + 1, start_paragraph);
                  start = close + 1;
                  start_paragraph = paragraph;
                }
            }
          i = close;
          continue;
        }

      if (c == '\n')
        {
          push_sentence (out, text, start, i, start_paragraph);
          paragraph++;
          start = i + 1;
          line_start = i + 1;
          start_paragraph = paragraph;
          continue;
        }

      if (is_terminal (c))
        {
          gsize j = i + 1;
          gsize end;

          while (j < len && (is_terminal (text[j]) || is_closing_mark (text[j])))
            {
              /* A closing mark of a quotation belongs to that quotation. */
              if (qi < quotes->len && g_array_index (quotes, TpQuote, qi).open == j)
                break;
              j++;
            }
          end = j;
          if (j < len && text[j] != ' ' && text[j] != 0x00A0 && text[j] != '\n')
            continue;
          while (j < len && (text[j] == ' ' || text[j] == 0x00A0))
            j++;
          if (j < len && text[j] != '\n' && !starts_sentence (text[j]))
            continue;
          if (c == '.' && period_is_abbreviation (text, line_start, i))
            continue;
          push_sentence (out, text, start, end, start_paragraph);
          start = end;
          start_paragraph = paragraph;
          i = end - 1;
        }
    }
  push_sentence (out, text, start, len, start_paragraph);
  return out;
}
