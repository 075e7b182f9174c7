/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-language"

#include "config.h"

#include <string.h>

#include "tp-language-private.h"

/* Language identification by characteristic letters and stopwords. Articles
 * are long enough that a few hundred words decide; nothing statistical is
 * needed for the languages Triptych reads. */

#define SAMPLE_BYTES (32 * 1024)

typedef struct
{
  const char *code;
  const char * const *stopwords;
} Language;

static const char * const vi_words[] = {
  "và", "của", "là", "có", "không", "những", "các", "được", "trong", "cho", "người",
  "với", "này", "đã", "một", "khi", "về", "đến", "cũng", "nhưng", "ông", "bà", "theo",
  "để", "từ", "tại", "sẽ", "nói", "rằng", NULL
};
static const char * const en_words[] = {
  "the", "and", "of", "to", "in", "is", "that", "said", "for", "on", "with", "was",
  "it", "as", "by", "at", "from", "he", "has", "have", "are", "be", "this", "not", NULL
};
static const char * const ru_words[] = {
  "и", "в", "не", "что", "на", "с", "как", "это", "по", "к", "но", "из", "он", "о",
  "за", "от", "его", "было", "был", "также", "который", "для", "заявил", NULL
};
static const char * const uk_words[] = {
  "і", "та", "що", "не", "на", "з", "як", "це", "до", "у", "від", "для", "який",
  "також", "але", "його", "був", "була", "заявив", "щодо", "й", "ще", NULL
};
static const char * const fr_words[] = {
  "le", "la", "les", "et", "des", "du", "un", "une", "est", "que", "qui", "dans",
  "pour", "pas", "sur", "au", "avec", "il", NULL
};
static const char * const de_words[] = {
  "der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "zu",
  "von", "auf", "sich", "auch", "es", "im", "dem", NULL
};
static const char * const es_words[] = {
  "el", "la", "los", "las", "y", "de", "que", "en", "del", "por", "para", "con",
  "una", "es", "se", "no", "su", "al", NULL
};

static const Language languages[] = {
  { "vi", vi_words },
  { "en", en_words },
  { "ru", ru_words },
  { "uk", uk_words },
  { "fr", fr_words },
  { "de", de_words },
  { "es", es_words },
};

/* Auxiliary methods */

static gboolean
is_vietnamese_letter (gunichar c)
{
  /* ă đ ơ ư and the precomposed tone-marked vowels of Latin Extended
   * Additional, none of which other languages here use. */
  return c == 0x0103 || c == 0x0102 || c == 0x0111 || c == 0x0110 ||
         c == 0x01a1 || c == 0x01a0 || c == 0x01b0 || c == 0x01af ||
         (c >= 0x1ea0 && c <= 0x1ef9);
}

/* Public API (private to src/ingest) */

/**
 * _tp_language_detect:
 * @text: UTF-8 text
 * @len: its length in bytes, or -1
 *
 * Returns: (nullable): an ISO 639-1 code, or %NULL when the text gives too
 *   little evidence
 */
const char *
_tp_language_detect (const char *text,
                     gssize      len)
{
  double scores[G_N_ELEMENTS (languages)] = { 0 };
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  gsize vi_letters = 0, cyrillic = 0, latin = 0, uk_letters = 0, ru_letters = 0;
  const char *p, *end;
  GString *word = g_string_new (NULL);
  double best_score = 0;
  int best = -1;

  if (n > SAMPLE_BYTES)
    {
      /* Cut on a character boundary. */
      const char *cut = g_utf8_find_prev_char (text, text + SAMPLE_BYTES);
      n = cut ? (gsize) (cut - text) : 0;
    }
  end = text + n;

  for (p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          gunichar lower = g_unichar_tolower (c);

          if (lower >= 0x0400 && lower <= 0x04ff)
            {
              cyrillic++;
              if (lower == 0x0456 || lower == 0x0457 || lower == 0x0454 || lower == 0x0491)
                uk_letters++;
              else if (lower == 0x044b || lower == 0x044d || lower == 0x044a || lower == 0x0451)
                ru_letters++;
            }
          else
            {
              latin++;
              if (is_vietnamese_letter (c))
                vi_letters++;
            }
          g_string_append_unichar (word, lower);
          continue;
        }
      if (word->len > 0)
        {
          /* Some stopwords are shared (ru/uk "не", "на"); count them for all. */
          for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
            for (guint j = 0; languages[i].stopwords[j]; j++)
              if (strcmp (languages[i].stopwords[j], word->str) == 0)
                scores[i] += 1;
          g_string_truncate (word, 0);
        }
    }
  g_string_free (word, TRUE);

  if (cyrillic > latin)
    {
      /* ы э ъ ё are not Ukrainian; і ї є ґ are not Russian. */
      scores[2] += 3.0 * ru_letters;
      scores[3] += 3.0 * uk_letters;
      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        if (i != 2 && i != 3)
          scores[i] = 0;
    }
  else
    {
      scores[2] = scores[3] = 0;
      scores[0] += 0.5 * vi_letters;
    }

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (scores[i] > best_score)
      {
        best_score = scores[i];
        best = i;
      }

  if (best < 0 || best_score < 2)
    return NULL;
  return languages[best].code;
}
