/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-quote-scanner"

#include "config.h"

#include "tp-quote-scanner.h"
#include "tp-trie.h"

/* A state machine over the quotation marks of the body. Marks of the same
 * family pair up; a mark of another family nests; a closing mark that
 * matches an outer quote closes it and drops the unclosed inner ones; a
 * quote still open at a paragraph's end continues only when the next
 * paragraph opens with the same mark (the English convention), otherwise
 * its opening mark was a stray and is forgotten. */

typedef enum
{
  FAMILY_CURLY,    /* “ … ” */
  FAMILY_LOW,      /* „ … “ or „ … ” */
  FAMILY_GUILLEMET,/* « … » */
  FAMILY_SINGLE,   /* ‘ … ’ */
  FAMILY_ASCII,    /* " … " */
  FAMILY_APOS,     /* ' … ' */
  FAMILY_RDQ,      /* ” … ” (typed with the closing mark only) */
} Family;

typedef struct
{
  Family family;
  gsize  open;
  gboolean continued;
} Open;

/* Real text nests quotations two or three deep; marks beyond this depth
 * are strays, and ignoring them keeps the scan linear on garbage. */
#define MAX_DEPTH 16

/* Auxiliary methods */

static inline gboolean
is_space_or_start (const gunichar *text,
                   gsize           pos)
{
  gunichar c;

  if (pos == 0)
    return TRUE;
  c = text[pos - 1];
  return tp_is_space (c) || c == '(' || c == '[' || c == '{' || c == 0x2014
         || c == 0x2013 || c == '-' || c == ':' || c == 0x201C || c == 0x201E || c == 0x00AB
         || c == '"' || c == 0x2018 || c == '\'' || c == '/';
}

static inline gboolean
word_after (const gunichar *text,
            gsize           len,
            gsize           pos)
{
  return pos + 1 < len && tp_is_word_char (text[pos + 1]);
}

static inline gboolean
word_before (const gunichar *text,
             gsize           pos)
{
  return pos > 0 && tp_is_word_char (text[pos - 1]);
}

static void
push_open (GArray  *stack,
           Family   family,
           gsize    pos)
{
  Open o = { family, pos, FALSE };

  if (stack->len < MAX_DEPTH)
    g_array_append_val (stack, o);
}

static int
find_open (GArray *stack,
           Family  family)
{
  for (int i = (int) stack->len - 1; i >= 0; i--)
    if (g_array_index (stack, Open, i).family == family)
      return i;
  return -1;
}

static void
close_at (GArray *stack,
          int     index,
          gsize   close,
          GArray *quotes)
{
  Open *o = &g_array_index (stack, Open, index);
  TpQuote q = { o->open, close, 0, o->continued };

  g_array_append_val (quotes, q);
  g_array_set_size (stack, index);
}

/* Whether @c opens a quote of @family at the start of a paragraph. */
static gboolean
reopens (gunichar c,
         Family   family)
{
  switch (family)
    {
    case FAMILY_CURLY:
      return c == 0x201C;
    case FAMILY_LOW:
      return c == 0x201E;
    case FAMILY_GUILLEMET:
      return c == 0x00AB;
    case FAMILY_SINGLE:
      return c == 0x2018;
    case FAMILY_ASCII:
      return c == '"';
    case FAMILY_APOS:
      return c == '\'';
    case FAMILY_RDQ:
      return c == 0x201D;
    default:
      return FALSE;
    }
}

static gint
compare_quotes (gconstpointer a,
                gconstpointer b)
{
  const TpQuote *qa = a;
  const TpQuote *qb = b;

  if (qa->open != qb->open)
    return qa->open < qb->open ? -1 : 1;
  return 0;
}

/* Public API */

/**
 * tp_scan_quotes:
 * @text: the body as characters
 * @len: number of characters
 *
 * Returns: (transfer full) (element-type TpQuote): every balanced
 *   quotation, sorted by opening mark
 */
GArray *
tp_scan_quotes (const gunichar *text,
                gsize           len)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Open));
  GArray *quotes = g_array_new (FALSE, FALSE, sizeof (TpQuote));
  gsize skip = G_MAXSIZE;

  for (gsize i = 0; i < len; i++)
    {
      gunichar c = text[i];
      int at;

      if (i == skip)
        continue;
      /* Letters and most punctuation: nothing to do. */
      if (c < 0x80 ? (c != '\n' && c != '"' && c != '\'')
                   : (c != 0x00AB && c != 0x00BB && (c < 0x2018 || c > 0x201E)))
        continue;

      switch (c)
        {
        case '\n':
          if (stack->len > 0)
            {
              gsize j = i + 1;
              Open *bottom = &g_array_index (stack, Open, 0);

              while (j < len && (text[j] == ' ' || text[j] == '\t'))
                j++;
              if (j < len && reopens (text[j], bottom->family))
                {
                  bottom->continued = TRUE;
                  g_array_set_size (stack, 1);
                  skip = j;
                }
              else
                g_array_set_size (stack, 0);
            }
          break;

        case 0x201C: /* “ closes „ or opens */
          if ((at = find_open (stack, FAMILY_LOW)) >= 0)
            close_at (stack, at, i, quotes);
          else
            push_open (stack, FAMILY_CURLY, i);
          break;

        case 0x201D: /* ” */
          if ((at = find_open (stack, FAMILY_CURLY)) >= 0
              || (at = find_open (stack, FAMILY_LOW)) >= 0
              || (at = find_open (stack, FAMILY_RDQ)) >= 0)
            close_at (stack, at, i, quotes);
          else if (is_space_or_start (text, i) && word_after (text, len, i))
            push_open (stack, FAMILY_RDQ, i);
          break;

        case 0x201E: /* „ */
          push_open (stack, FAMILY_LOW, i);
          break;

        case 0x00AB: /* « */
          push_open (stack, FAMILY_GUILLEMET, i);
          break;

        case 0x00BB: /* » */
          if ((at = find_open (stack, FAMILY_GUILLEMET)) >= 0)
            close_at (stack, at, i, quotes);
          break;

        case 0x2018: /* ‘ opens unless it is an elided letter ("‘90s") */
          if (!word_before (text, i))
            push_open (stack, FAMILY_SINGLE, i);
          break;

        case 0x2019: /* ’ closes, unless it is an apostrophe (Russia’s) */
          if ((at = find_open (stack, FAMILY_SINGLE)) >= 0 && !word_after (text, len, i))
            close_at (stack, at, i, quotes);
          break;

        case '"':
          if ((at = find_open (stack, FAMILY_ASCII)) >= 0
              && !(is_space_or_start (text, i) && word_after (text, len, i)
                   && at != (int) stack->len - 1))
            close_at (stack, at, i, quotes);
          else if (at < 0 && !(word_before (text, i) && !word_after (text, len, i)))
            push_open (stack, FAMILY_ASCII, i);
          break;

        case '\'':
          if ((at = find_open (stack, FAMILY_APOS)) >= 0 && !word_after (text, len, i)
              && !is_space_or_start (text, i))
            close_at (stack, at, i, quotes);
          else if (at < 0 && is_space_or_start (text, i) && word_after (text, len, i))
            push_open (stack, FAMILY_APOS, i);
          break;

        default:
          break;
        }
    }

  g_array_sort (quotes, compare_quotes);

  /* Depth counts the balanced quotes around a quote, so a stray mark left
   * open does not push the quotes after it down a level. */
  {
    g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));

    for (guint q = 0; q < quotes->len; q++)
      {
        TpQuote *quote = &g_array_index (quotes, TpQuote, q);

        while (ends->len > 0 && g_array_index (ends, gsize, ends->len - 1) < quote->open)
          g_array_set_size (ends, ends->len - 1);
        quote->depth = ends->len;
        g_array_append_val (ends, quote->close);
      }
  }
  return quotes;
}
