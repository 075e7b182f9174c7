/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-store"

#include "config.h"

#include <string.h>

#include "tp-fold.h"
#include "tp-store-private.h"

/* The "tp_fold" FTS5 tokenizer. SQLite's unicode61 tokenizer removes most
 * diacritics but keeps đ/Đ and does not fold every Vietnamese tone mark, so
 * "dien kremlin" would miss "Điện Kremlin". This one splits on anything that
 * is not a letter, digit or combining mark, and folds every character with
 * tp_fold_char(), the same folding the analysis uses for aliases. */

/* Longer "words" (base64 blobs, URLs without separators) are cut: nobody
 * searches for them and they bloat the index. */
#define MAX_TOKEN_BYTES 128

typedef struct
{
  TpStoreVocabulary *vocabulary;   /* NULL: words are not recorded */
} FoldTokenizer;

/* Auxiliary methods */

static inline gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

typedef int (*TokenFunc) (void       *ctx,
                          const char *token,
                          int         n_token,
                          int         start,
                          int         end);

/* Walks @text (which may contain invalid UTF-8: each bad byte separates
 * words) and calls @func for each folded word with its byte span. */
static int
tokenize (const char *text,
          int         n_text,
          TokenFunc   func,
          void       *ctx)
{
  char buf[MAX_TOKEN_BYTES + 8];
  int len = 0;
  int start = -1;
  int i = 0;

  while (i <= n_text)
    {
      gunichar c = 0;
      int clen = 1;
      gboolean word = FALSE;
      gboolean mark = FALSE;

      if (i < n_text)
        {
          guchar b = (guchar) text[i];

          if (b < 0x80)
            {
              c = b;
              word = g_ascii_isalnum (b);
            }
          else
            {
              const char *next;

              c = g_utf8_get_char_validated (text + i, n_text - i);
              if (c == (gunichar) -1 || c == (gunichar) -2)
                {
                  c = 0;
                  clen = 1;
                }
              else
                {
                  next = g_utf8_next_char (text + i);
                  clen = (int) (next - (text + i));
                  mark = is_mark (c);
                  word = mark || g_unichar_isalnum (c);
                }
            }
        }

      if (word)
        {
          if (start < 0)
            {
              start = i;
              len = 0;
            }
          /* Combining marks (text that escaped NFC) are dropped: the base
           * letter before them carries the folded form. */
          if (!mark && len < MAX_TOKEN_BYTES)
            {
              gunichar f;

              if (c < 0x80)
                buf[len++] = g_ascii_tolower ((char) c);
              else
                {
                  f = tp_fold_char (c);
                  if (len + 6 <= MAX_TOKEN_BYTES)
                    len += g_unichar_to_utf8 (f, buf + len);
                  else
                    len = MAX_TOKEN_BYTES;
                }
            }
        }
      else if (start >= 0)
        {
          int rc = SQLITE_OK;

          if (len > 0)
            rc = func (ctx, buf, len, start, i);
          start = -1;
          if (rc != SQLITE_OK)
            return rc;
        }

      i += clen;
    }

  return SQLITE_OK;
}

/* FTS5 callbacks */

typedef struct
{
  void              *fts_ctx;
  int              (*x_token) (void *, int, const char *, int, int, int);
  TpStoreVocabulary *vocabulary;   /* set when the words are recorded */
} FtsCall;

static int
fts_token_cb (void       *ctx,
              const char *token,
              int         n_token,
              int         start,
              int         end)
{
  FtsCall *call = ctx;

  if (call->vocabulary != NULL)
    {
      /* tokenize() leaves room after the token for its end. */
      char *word = (char *) token;
      char saved = word[n_token];

      word[n_token] = '\0';
      if (!g_hash_table_contains (call->vocabulary->known, word)
          && !g_hash_table_contains (call->vocabulary->pending, word))
        {
          char *copy = g_strndup (token, n_token);

          g_hash_table_add (call->vocabulary->pending, copy);
        }
      word[n_token] = saved;
    }
  return call->x_token (call->fts_ctx, 0, token, n_token, start, end);
}

static int
fold_tokenizer_create (void            *user_data,
                       const char     **argv,
                       int              argc,
                       Fts5Tokenizer  **out)
{
  FoldTokenizer *tok = sqlite3_malloc (sizeof (FoldTokenizer));

  if (tok == NULL)
    return SQLITE_NOMEM;
  tok->vocabulary = user_data;
  *out = (Fts5Tokenizer *) tok;
  return SQLITE_OK;
}

static void
fold_tokenizer_delete (Fts5Tokenizer *tok)
{
  sqlite3_free (tok);
}

static int
fold_tokenizer_tokenize (Fts5Tokenizer *tok,
                         void          *fts_ctx,
                         int            flags,
                         const char    *text,
                         int            n_text,
                         int          (*x_token) (void *, int, const char *, int, int, int))
{
  FoldTokenizer *self = (FoldTokenizer *) tok;
  FtsCall call = { fts_ctx, x_token, NULL };

  /* Words of documents (written or deleted; deleted ones are known
   * already), not of queries or of snippets. */
  if ((flags & FTS5_TOKENIZE_DOCUMENT) && self->vocabulary != NULL
      && self->vocabulary->known != NULL)
    call.vocabulary = self->vocabulary;
  return tokenize (text, n_text, fts_token_cb, &call);
}

static int
collect_token_cb (void       *ctx,
                  const char *token,
                  int         n_token,
                  int         start,
                  int         end)
{
  g_ptr_array_add (ctx, g_strndup (token, n_token));
  return SQLITE_OK;
}

/* Private API */

int
_tp_store_register_tokenizer (sqlite3 *db)
{
  return _tp_store_register_tokenizer_full (db, NULL);
}

int
_tp_store_register_tokenizer_full (sqlite3           *db,
                                   TpStoreVocabulary *vocabulary)
{
  static fts5_tokenizer tokenizer = {
    fold_tokenizer_create,
    fold_tokenizer_delete,
    fold_tokenizer_tokenize,
  };
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  rc = sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;
  if (api == NULL || api->iVersion < 2)
    return SQLITE_ERROR;

  return api->xCreateTokenizer (api, "tp_fold", vocabulary, &tokenizer, NULL);
}

GPtrArray *
_tp_store_tokenize (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);

  if (text != NULL)
    tokenize (text, (int) strlen (text), collect_token_cb, tokens);
  return tokens;
}

static void
add_phrase (GPtrArray  *phrases,
            const char *text,
            gsize       len)
{
  g_autofree char *chunk = g_strndup (text, len);
  g_autoptr(GPtrArray) tokens = _tp_store_tokenize (chunk);
  GString *phrase;

  if (tokens->len == 0)
    return;
  phrase = g_string_new ("\"");
  for (guint t = 0; t < tokens->len; t++)
    {
      if (t > 0)
        g_string_append_c (phrase, ' ');
      g_string_append (phrase, g_ptr_array_index (tokens, t));
    }
  g_string_append_c (phrase, '"');
  g_ptr_array_add (phrases, g_string_free (phrase, FALSE));
}

char *
_tp_store_build_fts_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  gboolean ends_in_word;
  gsize text_len;
  const char *p;

  if (text == NULL)
    return NULL;

  /* Each run of non-space characters becomes one phrase of its folded
   * tokens ("Mát-xcơ-va" → "mat xco va"), and text the user put between
   * double quotes is one phrase ("\"hoa binh\"" does not match "Cộng hòa …
   * bình luận"); a quote left open runs to the end. Tokens contain only
   * letters and digits, so quoting them is enough to make any FTS5 operator
   * (NEAR, OR, "*", "^", ":", parentheses) a plain word or nothing. */
  p = text;
  while (*p != '\0')
    {
      const char *end;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (*p == '"')
        {
          p++;
          end = strchr (p, '"');
          if (end == NULL)
            end = p + strlen (p);
          add_phrase (phrases, p, end - p);
          p = *end == '"' ? end + 1 : end;
          continue;
        }
      end = p;
      while (*end != '\0' && *end != '"' && !g_ascii_isspace (*end))
        end++;
      add_phrase (phrases, p, end - p);
      p = end;
    }

  if (phrases->len == 0)
    return NULL;

  /* Search as you type: the word being typed is a prefix, unless the user
   * has already moved on (trailing space, punctuation, closing quote) or
   * it is shorter than three characters: "t*" would match nearly every
   * article and cost a merge of nearly the whole index, while the index
   * keeps three-character prefixes ready (schema step 4). */
  text_len = strlen (text);
  ends_in_word = text_len > 0 && !g_ascii_isspace (text[text_len - 1])
                 && !g_ascii_ispunct (text[text_len - 1]);
  if (ends_in_word)
    {
      const char *last = g_ptr_array_index (phrases, phrases->len - 1);
      const char *word = strrchr (last, ' ');

      word = word != NULL ? word + 1 : last + 1;
      /* The phrase ends with its closing quote. */
      ends_in_word = g_utf8_strlen (word, -1) - 1 >= 3;
    }

  for (guint i = 0; i < phrases->len; i++)
    {
      if (i > 0)
        g_string_append_c (query, ' ');
      g_string_append (query, g_ptr_array_index (phrases, i));
    }
  if (ends_in_word)
    g_string_append_c (query, '*');

  return g_string_free (g_steal_pointer (&query), FALSE);
}
