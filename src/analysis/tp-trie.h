/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A trie over folded characters, for matching many lexicon phrases (aliases,
 * cues, keywords) at every word start of an article in one pass. Phrases
 * are folded with tp_fold_char() and runs of spaces collapse to one, so a
 * match is case- and diacritic-blind; spans stay character offsets into
 * the original text because folding maps one character to one. */

typedef struct _TpTrie TpTrie;

typedef enum
{
  TP_TRIE_PREFIX     = 1 << 0,  /* the phrase ends a word prefix ("negotiat*") */
  TP_TRIE_EXACT_CASE = 1 << 1,  /* match only as written (short acronyms: "UN", "EU") */
} TpTrieFlags;

TpTrie   *tp_trie_new        (void);
void      tp_trie_free       (TpTrie      *self);
void      tp_trie_insert     (TpTrie      *self,
                              const char  *phrase,
                              guint        payload,
                              TpTrieFlags  flags);

/* Longest phrase starting at @pos of @folded (whose unfolded text is
 * @text, both @len characters). Returns the exclusive end of the match or
 * 0; the payloads of the matched phrase are then walked with
 * tp_trie_payloads(). */
gsize     tp_trie_match      (TpTrie         *self,
                              const gunichar *text,
                              const gunichar *folded,
                              gsize           len,
                              gsize           pos,
                              int            *entry);
gboolean  tp_trie_next_payload (TpTrie *self,
                                int    *entry,
                                guint  *payload);

void      tp_trie_pack       (TpTrie         *self);

/* Every phrase starting at @pos, shortest first: @func is called with the
 * exclusive end and the payload of each accepted phrase. @folded must be
 * folded with tp_fold_char() and have every space character (no-break,
 * thin, tab) replaced by ' '. */
typedef void (*TpTrieHitFunc) (gsize    end,
                               guint    payload,
                               gpointer user_data);

void      tp_trie_walk       (TpTrie         *self,
                              const gunichar *text,
                              const gunichar *folded,
                              gsize           len,
                              gsize           pos,
                              TpTrieHitFunc   func,
                              gpointer        user_data);

gboolean  _tp_is_word_char_slow (gunichar c);

/* Letters, digits and combining marks: what words are made of. Inline
 * because every rule of the analysis asks it of every character. */
static inline gboolean
tp_is_word_char (gunichar c)
{
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return _tp_is_word_char_slow (c);
}

static inline gboolean
tp_is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || (c >= '\t' && c <= '\r');
  /* Vietnamese letters are the common case: no space below U+1680 but these. */
  if (c < 0x1680)
    return c == 0x85 || c == 0xA0;
  return g_unichar_isspace (c);
}

gunichar  _tp_to_lower_slow  (gunichar c);

static inline gunichar
tp_to_lower (gunichar c)
{
  if (c < 0x80)
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return _tp_to_lower_slow (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TpTrie, tp_trie_free)

G_END_DECLS
