/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-encoding"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tp-encoding-private.h"
#include "tp-source.h"

/* How much of a source the binary and charset guesses look at. Enough for
 * any article; bounded so that a 50 MB file is judged as fast as a small one.
 */
#define SAMPLE_BYTES (256 * 1024)

/* Legacy charsets tried, in order of preference when two decodings score
 * the same (Western before Vietnamese: they differ only in a few letters). */
static const char * const legacy_candidates[] = {
  "WINDOWS-1252",
  "WINDOWS-1258",
  "WINDOWS-1251",
  "KOI8-R",
  "KOI8-U",
};

/* Auxiliary methods */

static gboolean
has_prefix (const guint8 *data,
            gsize         len,
            const char   *magic,
            gsize         magic_len)
{
  return len >= magic_len && memcmp (data, magic, magic_len) == 0;
}

static gboolean
has_binary_magic (const guint8 *data,
                  gsize         len)
{
  static const struct { const char *magic; gsize len; } magics[] = {
    { "\x89PNG\r\n\x1a\n", 8 },
    { "\xff\xd8\xff", 3 },            /* JPEG */
    { "GIF87a", 6 },
    { "GIF89a", 6 },
    { "%PDF-", 5 },
    { "PK\x03\x04", 4 },              /* zip, docx, odt, epub */
    { "\x1f\x8b", 2 },                /* gzip */
    { "BZh", 3 },
    { "7z\xbc\xaf\x27\x1c", 6 },
    { "\xfd" "7zXZ", 5 },
    { "Rar!\x1a\x07", 6 },
    { "\x7f" "ELF", 4 },
    { "MZ\x90\x00", 4 },              /* Windows executable */
    { "RIFF", 4 },                    /* wav, webp, avi */
    { "OggS", 4 },
    { "ID3", 3 },                     /* mp3 */
    { "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8 }, /* old MS Office */
    { "SQLite format 3", 15 },
    { "\x00\x00\x01\x00", 4 },        /* ico */
    { "wOFF", 4 },
    { "wOF2", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    if (has_prefix (data, len, magics[i].magic, magics[i].len))
      return TRUE;

  /* ISO base media (mp4, mov, heic): a box size, then "ftyp". */
  if (len >= 12 && memcmp (data + 4, "ftyp", 4) == 0)
    return TRUE;

  return FALSE;
}

/* Returns "UTF-16LE"/"UTF-16BE" when the bytes look like UTF-16 written
 * without a byte order mark: mostly-ASCII text with every other byte zero. */
static const char *
guess_bomless_utf16 (const guint8 *data,
                     gsize         len)
{
  gsize n = MIN (len, SAMPLE_BYTES) & ~(gsize) 1;
  gsize zero_even = 0, zero_odd = 0;

  if (n < 8)
    return NULL;
  for (gsize i = 0; i < n; i += 2)
    {
      zero_even += data[i] == 0;
      zero_odd += data[i + 1] == 0;
    }
  if (zero_odd * 10 >= n / 2 * 7 && zero_even * 20 < n / 2)
    return "UTF-16LE";
  if (zero_even * 10 >= n / 2 * 7 && zero_odd * 20 < n / 2)
    return "UTF-16BE";
  return NULL;
}

static char *
canonical_charset (const char *declared)
{
  g_autofree char *lower = NULL;
  GIConv probe;

  if (declared == NULL)
    return NULL;
  lower = g_ascii_strdown (declared, -1);
  g_strstrip (lower);
  g_strdelimit (lower, "\"'", ' ');
  g_strstrip (lower);
  if (*lower == '\0')
    return NULL;

  if (g_str_equal (lower, "utf8") || g_str_equal (lower, "utf-8") ||
      g_str_equal (lower, "unicode-1-1-utf-8"))
    return g_strdup ("UTF-8");
  /* As browsers do: Latin-1 and ASCII labels mean windows-1252. */
  if (g_str_equal (lower, "iso-8859-1") || g_str_equal (lower, "iso8859-1") ||
      g_str_equal (lower, "latin1") || g_str_equal (lower, "latin-1") ||
      g_str_equal (lower, "l1") || g_str_equal (lower, "us-ascii") ||
      g_str_equal (lower, "ascii") || g_str_equal (lower, "cp1252") ||
      g_str_equal (lower, "iso_8859-1"))
    return g_strdup ("WINDOWS-1252");
  if (g_str_equal (lower, "cp1251") || g_str_equal (lower, "x-cp1251"))
    return g_strdup ("WINDOWS-1251");
  if (g_str_equal (lower, "cp1258"))
    return g_strdup ("WINDOWS-1258");
  if (g_str_equal (lower, "utf-16") || g_str_equal (lower, "unicode"))
    return g_strdup ("UTF-16LE");

  /* Anything iconv does not know is treated as undeclared. */
  probe = g_iconv_open ("UTF-8", lower);
  if (probe == (GIConv) -1)
    return NULL;
  g_iconv_close (probe);
  return g_ascii_strup (lower, -1);
}

/* Counts well-formed multibyte UTF-8 sequences and the bytes that belong to
 * none, to tell damaged UTF-8 from text in a single-byte charset: the latter
 * almost never forms valid sequences by chance. */
static void
count_utf8_sequences (const guint8 *data,
                      gsize         len,
                      gsize        *valid_multibyte,
                      gsize        *invalid)
{
  gsize i = 0;

  *valid_multibyte = 0;
  *invalid = 0;
  while (i < len)
    {
      const char *end = NULL;
      gsize chunk = len - i;

      if (g_utf8_validate ((const char *) data + i, chunk, &end))
        end = (const char *) data + len;

      for (const char *p = (const char *) data + i; p < end; p = g_utf8_next_char (p))
        if ((guchar) *p >= 0x80)
          (*valid_multibyte)++;

      i = (const guint8 *) end - data;
      if (i < len)
        {
          (*invalid)++;
          i++;
        }
    }
}

static gboolean
is_latin_vowel (gunichar c)
{
  static const char vowels[] = "aeiouyAEIOUY";

  if (c < 0x80)
    return c != 0 && strchr (vowels, (int) c) != NULL;
  /* ă â ê ô ơ ư and their capitals, the bases Vietnamese tone marks sit on */
  switch (c)
    {
    case 0x0103: case 0x0102: case 0x00e2: case 0x00c2: case 0x00ea:
    case 0x00ca: case 0x00f4: case 0x00d4: case 0x01a1: case 0x01a0:
    case 0x01b0: case 0x01af:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_cyrillic (gunichar c)
{
  return (c >= 0x0400 && c <= 0x04ff);
}

static gboolean
is_latin_letter (gunichar c)
{
  return (c < 0x80 && g_ascii_isalpha (c)) ||
         (c >= 0x00c0 && c <= 0x024f && c != 0x00d7 && c != 0x00f7) ||
         (c >= 0x1e00 && c <= 0x1eff);
}

static gboolean
is_ordinary_symbol (gunichar c)
{
  switch (c)
    {
    case 0x00a0: case 0x00ab: case 0x00bb: case 0x00b0: case 0x00a9:
    case 0x00b7: case 0x00a7: case 0x00b2: case 0x00b3: case 0x00bd:
    case 0x2013: case 0x2014: case 0x2018: case 0x2019: case 0x201c:
    case 0x201d: case 0x201e: case 0x2026: case 0x2022: case 0x20ac:
    case 0x00a3: case 0x2116: case 0x00b4: case 0x00e6: case 0x2122:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Weight of a Cyrillic letter by how common it is in Russian and Ukrainian
 * prose: a right decoding is mostly frequent lower-case letters, a wrong
 * one (1251 read as KOI8-R and back) swaps case and letters. */
static double
cyrillic_weight (gunichar c)
{
  static const char *common = "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёіїєґ";
  gunichar lower = g_unichar_tolower (c);
  const char *p;
  int rank = 0;

  for (p = common; *p; p = g_utf8_next_char (p), rank++)
    if (g_utf8_get_char (p) == lower)
      break;
  if (*p == '\0')
    return 0.2;
  if (c != lower)
    return 0.4;
  return rank < 10 ? 1.5 : rank < 20 ? 1.0 : 0.6;
}

/* Scores a candidate decoding. Returns the score; @bad_ratio receives the
 * share of non-ASCII characters that look like mojibake. */
static double
score_decoding (const char *text,
                double     *bad_ratio)
{
  double score = 0;
  gsize bad = 0, total = 0;
  gunichar prev = ' ';

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));

      if (c >= 0x80)
        {
          total++;
          if (g_unichar_ismark (c))
            {
              if (is_latin_vowel (prev) || (prev >= 0x00c0 && is_latin_letter (prev)))
                score += 2.0;
              else
                bad++;
            }
          else if (g_unichar_isalpha (c))
            {
              gboolean cyr = is_cyrillic (c);
              gboolean lat = is_latin_letter (c);

              if (!cyr && !lat)
                bad++;
              else if ((cyr && (is_latin_letter (prev) || is_latin_letter (next))) ||
                       (lat && (is_cyrillic (prev) || is_cyrillic (next))))
                bad++;
              else if (g_unichar_isupper (c) && g_unichar_islower (prev))
                bad++;
              else if (cyr)
                score += cyrillic_weight (c);
              else
                /* Runs of accented Latin letters are rare in Western
                 * languages and typical of Cyrillic read as Latin. */
                score += (prev >= 0x00c0 && is_latin_letter (prev)) ? 0.2 : 1.0;
            }
          else if (!is_ordinary_symbol (c))
            bad++;
          else if (g_unichar_isalpha (prev) && g_unichar_isalpha (next) && c != 0x2019)
            bad++;
        }
      prev = c;
    }

  *bad_ratio = total ? (double) bad / total : 0;
  return score - 3.0 * bad;
}

static char *
convert_all (const guint8 *data,
             gsize         len,
             const char   *charset,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0, bytes_written = 0;
  char *out;

  out = g_convert ((const char *) data, len, "UTF-8", charset,
                   &bytes_read, &bytes_written, &local_error);
  if (out == NULL || !g_utf8_validate (out, bytes_written, NULL))
    {
      g_free (out);
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_ENCODING,
                   _("The text could not be read as %s (%s). "
                     "Save it as UTF-8 and import it again."),
                   charset, local_error ? local_error->message : "");
      return NULL;
    }
  return out;
}

static const char *
detect_legacy_charset (const guint8 *data,
                       gsize         len)
{
  gsize sample = MIN (len, SAMPLE_BYTES);
  const char *best = NULL;
  double best_score = 0;

  for (guint i = 0; i < G_N_ELEMENTS (legacy_candidates); i++)
    {
      g_autofree char *text = NULL;
      double score, bad_ratio;

      text = g_convert ((const char *) data, sample, "UTF-8", legacy_candidates[i],
                        NULL, NULL, NULL);
      if (text == NULL)
        continue;
      score = score_decoding (text, &bad_ratio);
      g_debug ("charset %s: score %.1f, bad %.3f", legacy_candidates[i], score, bad_ratio);
      if (bad_ratio > 0.15)
        continue;
      if (best == NULL || score > best_score)
        {
          best = legacy_candidates[i];
          best_score = score;
        }
    }
  return best_score > 0 ? best : NULL;
}

/* Public API (private to src/ingest) */

/**
 * _tp_encoding_looks_binary:
 *
 * Whether the bytes are a known binary format or contain NUL bytes or many
 * control characters. UTF-16 and UTF-32 must be handled before.
 */
gboolean
_tp_encoding_looks_binary (const guint8 *data,
                           gsize         len)
{
  gsize n = MIN (len, SAMPLE_BYTES);
  gsize controls = 0;

  if (has_binary_magic (data, len))
    return TRUE;
  for (gsize i = 0; i < n; i++)
    {
      guint8 b = data[i];

      if (b == 0)
        return TRUE;
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0b &&
           b != 0x1a && b != 0x1b) || b == 0x7f)
        controls++;
    }
  return controls > 8 && controls * 100 > n;
}

/**
 * _tp_encoding_sniff_html:
 *
 * Looks for `<meta charset>` or `<meta http-equiv="Content-Type"
 * content="...; charset=...">` near the start of an HTML page.
 *
 * Returns: (transfer full) (nullable): the declared charset label
 */
char *
_tp_encoding_sniff_html (const guint8 *data,
                         gsize         len)
{
  gsize n = MIN (len, 16 * 1024);
  g_autofree char *head = g_ascii_strdown ((const char *) data, n);
  const char *p = head;

  /* g_ascii_strdown stops at NUL bytes, which is what we want. */
  while ((p = strstr (p, "<meta")) != NULL)
    {
      const char *end = strchr (p, '>');
      const char *cs;

      if (end == NULL)
        break;
      cs = g_strstr_len (p, end - p, "charset");
      if (cs != NULL)
        {
          const char *v = cs + strlen ("charset");
          const char *start;

          while (v < end && (*v == ' ' || *v == '='))
            v++;
          while (v < end && (*v == '"' || *v == '\''))
            v++;
          start = v;
          while (v < end && (g_ascii_isalnum (*v) || *v == '-' || *v == '_' || *v == ':' ||
                             *v == '.'))
            v++;
          if (v > start)
            return g_strndup (start, v - start);
        }
      p = end;
    }
  return NULL;
}

/* Characters that are their own NFC form and never combine with a
 * neighbour: most of what Latin, Vietnamese and Cyrillic text is made of.
 * Blocks made only of these skip the (slow) normaliser. */
static gboolean
is_nfc_stable (gunichar c)
{
  return c < 0x0300 ||
         (c >= 0x0400 && c <= 0x0482) || (c >= 0x048a && c <= 0x04ff) ||
         (c >= 0x1e00 && c <= 0x1eff) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) ||
         (c >= 0x20a0 && c <= 0x20bf) || c == 0x2116 || c == 0x2122;
}

/**
 * _tp_encoding_normalize:
 *
 * NFC-normalises valid UTF-8 a block at a time, so that memory and time
 * stay proportional to the text; blocks split only before ASCII white
 * space, which never combines with what precedes it.
 *
 * Returns: (transfer full): the normalised text
 */
char *
_tp_encoding_normalize (const char *text,
                        gsize       len)
{
  const gsize block = 4 * 1024;
  GString *out = g_string_sized_new (len + 1);
  gsize i = 0;

  while (i < len)
    {
      gsize end = MIN (i + block, len);
      gboolean stable = TRUE;

      while (end < len && !g_ascii_isspace (text[end]))
        end++;
      for (const char *p = text + i; p < text + end; p++)
        if ((guchar) *p >= 0x80)
          {
            if (!is_nfc_stable (g_utf8_get_char (p)))
              {
                stable = FALSE;
                break;
              }
            p = g_utf8_next_char (p) - 1;
          }
      if (stable)
        g_string_append_len (out, text + i, end - i);
      else
        {
          g_autofree char *nfc = g_utf8_normalize (text + i, end - i, G_NORMALIZE_NFC);

          if (nfc != NULL)
            g_string_append (out, nfc);
          else
            g_string_append_len (out, text + i, end - i);
        }
      i = end;
    }
  return g_string_free (out, FALSE);
}

/**
 * _tp_encoding_is_plain_utf8:
 *
 * Whether the bytes can be used as they are: UTF-8 without a byte order
 * mark, not binary, and already in NFC. Saves a copy of large files.
 */
gboolean
_tp_encoding_is_plain_utf8 (const guint8 *data,
                            gsize         len)
{
  const char *end = (const char *) data + len;

  if (has_prefix (data, len, "\xef\xbb\xbf", 3) || _tp_encoding_looks_binary (data, len) ||
      guess_bomless_utf16 (data, len) != NULL ||
      !g_utf8_validate ((const char *) data, len, NULL))
    return FALSE;
  for (const char *p = (const char *) data; p < end; p++)
    if ((guchar) *p >= 0x80)
      {
        if (!is_nfc_stable (g_utf8_get_char (p)))
          return FALSE;
        p = g_utf8_next_char (p) - 1;
      }
  return TRUE;
}

/**
 * _tp_encoding_decode:
 * @data: the source bytes
 * @len: their length
 * @declared: (nullable): a charset from the HTTP header or the caller
 * @is_html: whether to look for a `<meta>` charset
 * @used_charset: (out) (optional): the charset the text was read as
 * @error: return location for a #TP_INGEST_ERROR
 *
 * Decodes a source: byte order mark first, then valid UTF-8, then the
 * declared charset, then a guess among the legacy charsets the press uses.
 *
 * Returns: (transfer full): NFC-normalised UTF-8, or %NULL with @error set
 */
char *
_tp_encoding_decode (const guint8 *data,
                     gsize         len,
                     const char   *declared,
                     gboolean      is_html,
                     char        **used_charset,
                     GError      **error)
{
  g_autofree char *charset = NULL;
  g_autofree char *converted = NULL;
  const char *utf16 = NULL;
  gsize valid_multibyte, invalid;

  /* Byte order marks decide. */
  if (has_prefix (data, len, "\xef\xbb\xbf", 3))
    {
      data += 3;
      len -= 3;
      charset = g_strdup ("UTF-8");
    }
  else if (has_prefix (data, len, "\xff\xfe\x00\x00", 4))
    charset = g_strdup ("UTF-32LE"), data += 4, len -= 4;
  else if (has_prefix (data, len, "\x00\x00\xfe\xff", 4))
    charset = g_strdup ("UTF-32BE"), data += 4, len -= 4;
  else if (has_prefix (data, len, "\xff\xfe", 2))
    charset = g_strdup ("UTF-16LE"), data += 2, len -= 2;
  else if (has_prefix (data, len, "\xfe\xff", 2))
    charset = g_strdup ("UTF-16BE"), data += 2, len -= 2;

  if (charset == NULL)
    {
      g_autofree char *canon = canonical_charset (declared);

      if (canon != NULL && (g_str_has_prefix (canon, "UTF-16") ||
                            g_str_has_prefix (canon, "UTF-32")))
        charset = g_steal_pointer (&canon);
      else if ((utf16 = guess_bomless_utf16 (data, len)) != NULL)
        charset = g_strdup (utf16);
    }

  if (charset == NULL && _tp_encoding_looks_binary (data, len))
    {
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_BINARY,
                   _("This file is not text (it looks like an image, an archive or a program). "
                     "Import a text or HTML file."));
      return NULL;
    }

  if (charset != NULL && !g_str_equal (charset, "UTF-8"))
    {
      converted = convert_all (data, len, charset, error);
      if (converted == NULL)
        return NULL;
      if (used_charset)
        *used_charset = g_steal_pointer (&charset);
      return _tp_encoding_normalize (converted, strlen (converted));
    }

  /* Valid UTF-8 wins over any declaration: legacy text is practically never
   * valid UTF-8 once it has a non-ASCII letter, while wrong declarations are
   * common on the web. */
  if (g_utf8_validate ((const char *) data, len, NULL))
    {
      if (used_charset)
        *used_charset = g_strdup ("UTF-8");
      return _tp_encoding_normalize ((const char *) data, len);
    }

  if (charset != NULL)
    {
      /* A BOM said UTF-8 but the bytes disagree. */
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_ENCODING,
                   _("The file says it is UTF-8 but contains bytes that are not. "
                     "It may be damaged; save it again as UTF-8 and import it again."));
      return NULL;
    }

  count_utf8_sequences (data, MIN (len, SAMPLE_BYTES), &valid_multibyte, &invalid);
  if (valid_multibyte >= 4 && valid_multibyte >= invalid)
    {
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_ENCODING,
                   _("The text is UTF-8 with damaged characters in it. "
                     "Save it again as UTF-8 and import it again."));
      return NULL;
    }

  charset = canonical_charset (declared);
  if (charset == NULL && is_html)
    {
      g_autofree char *meta = _tp_encoding_sniff_html (data, len);

      charset = canonical_charset (meta);
    }
  if (charset != NULL && g_str_equal (charset, "UTF-8"))
    g_clear_pointer (&charset, g_free);
  if (charset != NULL)
    {
      gsize written = 0;

      converted = g_convert ((const char *) data, len, "UTF-8", charset, NULL, &written, NULL);
      /* iconv writes the values past U+10FFFF that UCS-4LE or WCHAR_T bytes
       * can hold as sequences that are not UTF-8: such a declaration is as
       * wrong as one the bytes do not convert from. */
      if (converted != NULL && !g_utf8_validate (converted, written, NULL))
        g_clear_pointer (&converted, g_free);
      if (converted == NULL)
        g_clear_pointer (&charset, g_free);
    }

  if (charset == NULL)
    {
      const char *guess = detect_legacy_charset (data, len);

      if (guess == NULL)
        {
          g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_ENCODING,
                       _("The text is not valid UTF-8 and its encoding could not be "
                         "recognised. Save it as UTF-8 and import it again."));
          return NULL;
        }
      charset = g_strdup (guess);
      converted = convert_all (data, len, charset, error);
      if (converted == NULL)
        return NULL;
    }

  if (used_charset)
    *used_charset = g_steal_pointer (&charset);
  return _tp_encoding_normalize (converted, strlen (converted));
}
