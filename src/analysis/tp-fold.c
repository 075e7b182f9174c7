/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-fold"

#include "config.h"

#include <string.h>

#include "tp-fold.h"

/* Folding maps one character to exactly one character, so offsets into a
 * folded string are offsets into the original too: the analysis matches
 * aliases on folded text and reports spans in the original body. */

#define TABLE_SIZE 0x2500

static gunichar *fold_table;

static gunichar
fold_uncached (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  switch (c)
    {
    case 0x0110: /* Đ */
    case 0x0111: /* đ */
    case 0x0189: /* Ɖ */
      return 'd';
    case 0x0141: /* Ł */
    case 0x0142: /* ł */
      return 'l';
    case 0x00D8: /* Ø */
    case 0x00F8: /* ø */
      return 'o';
    case 0x0131: /* dotless i */
      return 'i';
    case 0x2019: /* right single quote used as apostrophe */
    case 0x02BC:
      return '\'';
    default:
      break;
    }

  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n > 0)
    c = decomposed[0];
  /* Cyrillic й/ё keep their identity in Russian and Ukrainian search: fold
   * only the case there, not the breve or diaeresis. */
  return g_unichar_tolower (c);
}

static gpointer
build_table (gpointer data)
{
  gunichar *table = g_new (gunichar, TABLE_SIZE);

  for (gunichar c = 0; c < TABLE_SIZE; c++)
    table[c] = fold_uncached (c);
  /* Undo the decomposition for Cyrillic letters whose marks are distinct
   * letters in their language. */
  table[0x0419] = 0x0439; /* Й */
  table[0x0439] = 0x0439;
  table[0x0401] = 0x0451; /* Ё */
  table[0x0451] = 0x0451;
  table[0x0407] = 0x0457; /* Ї */
  table[0x0457] = 0x0457;
  return table;
}

/* Public API */

/**
 * tp_fold_char:
 * @c: a character
 *
 * Folds case and removes every diacritic, including Vietnamese đ/Đ and both
 * placements of Vietnamese tone marks (they normalise to the same base).
 *
 * Returns: the folded character
 */
gunichar
tp_fold_char (gunichar c)
{
  static GOnce once = G_ONCE_INIT;

  if (c < 0x80)
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;

  g_once (&once, build_table, NULL);
  fold_table = once.retval;
  if (c < TABLE_SIZE)
    return fold_table[c];
  return fold_uncached (c);
}

/**
 * tp_fold_string:
 * @text: UTF-8 text
 * @len: length in bytes, or -1 if nul-terminated
 *
 * Folds every character of @text with tp_fold_char() and drops combining
 * marks. For NFC text (all text in Triptych is NFC) the result has the same
 * number of characters as @text.
 *
 * Returns: (transfer full): the folded text
 */
char *
tp_fold_string (const char *text,
                gssize      len)
{
  GString *out;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = strlen (text);
  end = text + len;
  out = g_string_sized_new (len + 1);
  for (const char *p = text; p < end && *p; p = g_utf8_next_char (p))
    {
      guchar b = (guchar) *p;

      if (b < 0x80)
        g_string_append_c (out, (b >= 'A' && b <= 'Z') ? b + 32 : b);
      else
        {
          gunichar c = g_utf8_get_char (p);

          /* A stray combining mark (text that was not NFC) folds away. */
          if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
            continue;
          g_string_append_unichar (out, tp_fold_char (c));
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
tp_fold_equal (const char *a,
               const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  fa = tp_fold_string (a, -1);
  fb = tp_fold_string (b, -1);
  return g_strcmp0 (fa, fb) == 0;
}
