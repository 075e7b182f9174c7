/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-trie"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tp-fold.h"
#include "tp-trie.h"

/* Edges live in one open-addressing hash table keyed by (node, character):
 * a lexicon has thousands of nodes with one or two children each, and a
 * lookup per character must stay cheap for the 20 MB/s budget. */

#define ROOT_SIZE 0x3000  /* the root's children are found by direct index */

typedef struct
{
  int     first;   /* first entry of the phrases ending here, or -1 */
  guint8  flags;   /* TpTrieFlags of those phrases, or-ed */
} Node;

typedef struct
{
  guint       payload;
  TpTrieFlags flags;
  gunichar   *exact;   /* the phrase as written, for TP_TRIE_EXACT_CASE */
  gunichar   *marked;  /* the phrase in canonical marked form (see canonical_marks) */
  gboolean    ascii;   /* the phrase is plain ASCII */
  int         next;
} Entry;

struct _TpTrie
{
  GArray  *nodes;
  GArray  *entries;
  guint32 *root;      /* child of the root per character below ROOT_SIZE, 0 = none */
  guint64 *keys;      /* (node + 1) << 21 | character, 0 = empty slot */
  guint32 *children;  /* parallel to keys */
  gsize    n_edges;
  gsize    mask;      /* capacity - 1 */

  /* After the last insertion the edges are packed per node, sorted by
   * character, for walks that touch a few cache lines instead of a hash
   * table spread over half a megabyte. */
  gboolean  packed;
  guint32  *first_edge;   /* per node: index of its first edge; n_nodes + 1 entries */
  gunichar *edge_char;
  guint32  *edge_child;
};

/* Auxiliary methods */

static inline guint64
edge_key (guint32  node,
          gunichar c)
{
  return ((guint64) (node + 1) << 21) | c;
}

static inline gsize
edge_slot (guint64 key,
           gsize   mask)
{
  key ^= key >> 29;
  key *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  key ^= key >> 32;
  return (gsize) key & mask;
}

static void
grow_edges (TpTrie *self)
{
  gsize old_cap = self->mask + 1;
  guint64 *old_keys = self->keys;
  guint32 *old_children = self->children;
  gsize new_cap = old_cap * 2;

  self->keys = g_new0 (guint64, new_cap);
  self->children = g_new0 (guint32, new_cap);
  self->mask = new_cap - 1;
  for (gsize i = 0; i < old_cap; i++)
    if (old_keys[i] != 0)
      {
        gsize s = edge_slot (old_keys[i], self->mask);

        while (self->keys[s] != 0)
          s = (s + 1) & self->mask;
        self->keys[s] = old_keys[i];
        self->children[s] = old_children[i];
      }
  g_free (old_keys);
  g_free (old_children);
}

static inline int
find_child (TpTrie  *self,
            guint32  node,
            gunichar c)
{
  guint64 key;
  gsize s;

  if (node == 0 && c < ROOT_SIZE)
    return self->root[c] != 0 ? (int) self->root[c] : -1;
  key = edge_key (node, c);
  s = edge_slot (key, self->mask);
  while (self->keys[s] != 0)
    {
      if (self->keys[s] == key)
        return self->children[s];
      s = (s + 1) & self->mask;
    }
  return -1;
}

static gint
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const guint64 *ea = a;
  const guint64 *eb = b;

  return (*ea > *eb) - (*ea < *eb);
}

/* Packs the edges: sorted by (node, character), one run per node. */
static void
pack_edges (TpTrie *self)
{
  guint n_nodes = self->nodes->len;
  guint64 *sorted = g_new (guint64, self->n_edges + 1);
  guint32 *child_of = g_new (guint32, self->n_edges + 1);
  g_autoptr(GHashTable) unused = NULL;
  gsize n = 0;

  /* key = (node + 1) << 21 | c sorts by node, then character; keep the
   * slot to find the child back. */
  for (gsize i = 0; i <= self->mask; i++)
    if (self->keys[i] != 0)
      sorted[n++] = (self->keys[i] << 20) | i;
  g_assert (n == self->n_edges);
  (void) compare_edges;
  qsort (sorted, n, sizeof (guint64), compare_edges);

  g_free (self->first_edge);
  g_free (self->edge_char);
  g_free (self->edge_child);
  self->first_edge = g_new0 (guint32, n_nodes + 1);
  self->edge_char = g_new (gunichar, n + 1);
  self->edge_child = g_new (guint32, n + 1);
  for (gsize i = 0; i < n; i++)
    {
      guint64 key = sorted[i] >> 20;
      gsize slot = sorted[i] & ((1 << 20) - 1);
      guint32 node = (guint32) (key >> 21) - 1;

      self->edge_char[i] = (gunichar) (key & ((1 << 21) - 1));
      self->edge_child[i] = self->children[slot];
      self->first_edge[node + 1]++;
    }
  for (guint i = 0; i < n_nodes; i++)
    self->first_edge[i + 1] += self->first_edge[i];
  g_free (sorted);
  g_free (child_of);
  self->packed = TRUE;
}

static inline int
find_packed_child (TpTrie  *self,
                   guint32  node,
                   gunichar c)
{
  guint32 lo;
  guint32 hi;
  guint32 end;

  if (node == 0 && c < ROOT_SIZE)
    return self->root[c] != 0 ? (int) self->root[c] : -1;
  lo = self->first_edge[node];
  hi = self->first_edge[node + 1];
  end = hi;
  /* Narrow to a short run, then scan it; the first character not below
   * @c may sit at hi, so the scan runs to the node's end. */
  while (hi - lo > 8)
    {
      guint32 mid = (lo + hi) / 2;

      if (self->edge_char[mid] < c)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < end; lo++)
    if (self->edge_char[lo] == c)
      return self->edge_child[lo];
    else if (self->edge_char[lo] > c)
      break;
  return -1;
}

static guint32
add_child (TpTrie  *self,
           guint32  node,
           gunichar c)
{
  int found = find_child (self, node, c);
  Node fresh = { -1, 0 };
  guint64 key;
  gsize s;

  if (found >= 0)
    return found;
  self->packed = FALSE;
  g_array_append_val (self->nodes, fresh);
  if (node == 0 && c < ROOT_SIZE)
    {
      self->root[c] = self->nodes->len - 1;
      return self->nodes->len - 1;
    }
  if ((self->n_edges + 1) * 2 > self->mask + 1)
    grow_edges (self);
  key = edge_key (node, c);
  s = edge_slot (key, self->mask);
  while (self->keys[s] != 0)
    s = (s + 1) & self->mask;
  self->keys[s] = key;
  self->children[s] = self->nodes->len - 1;
  self->n_edges++;
  return self->nodes->len - 1;
}

/* Spaces of every kind match one another. */
static inline gunichar
normalize_space (gunichar c)
{
  if (c == 0x00A0 || c == '\t' || c == 0x202F || c == 0x2009)
    return ' ';
  return c;
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->exact);
  g_free (entry->marked);
}

static inline gboolean
is_tone_mark (gunichar c)
{
  /* grave, acute, tilde, hook above, dot below */
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

#define MARKS_TABLE_SIZE 0x2000

/* Per character below MARKS_TABLE_SIZE: the lower-case letter with its
 * vowel marks but without its tone (low 21 bits) and the tone mark
 * (shifted by 21 bits, as an offset from U+0300), see canonical_marks(). */
static gpointer
build_marks_table (gpointer data)
{
  guint32 *table = g_new (guint32, MARKS_TABLE_SIZE);

  for (gunichar c = 0; c < MARKS_TABLE_SIZE; c++)
    {
      gunichar lower = g_unichar_tolower (c);
      gunichar base = lower;
      gunichar tone = 0;

      if (lower >= 0xC0)
        {
          gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
          gsize k = g_unichar_fully_decompose (lower, FALSE, d, G_N_ELEMENTS (d));

          if (k > 1)
            {
              base = d[0];
              for (gsize i = 1; i < k; i++)
                {
                  gunichar composed;

                  if (d[i] == 0x0300 || d[i] == 0x0301 || d[i] == 0x0303 || d[i] == 0x0309
                      || d[i] == 0x0323)
                    tone = d[i];
                  else if (g_unichar_compose (base, d[i], &composed))
                    base = composed;
                }
            }
        }
      table[c] = base | (tone ? (tone - 0x0300 + 1) << 21 : 0);
    }
  return table;
}

/* The trie walks folded text, which confuses Vietnamese words that differ
 * only by their marks ("nói" to say, "nối" to join; "đầu" and "dầu"). A
 * match is therefore confirmed on a canonical form that keeps the marks but
 * not the case, and moves each word's tone mark to the word's end so both
 * placements ("hòa", "hoà") compare equal. Writes at most @size - 1
 * characters and a terminating 0; returns FALSE if @size is too small. */
static gboolean
canonical_marks (const gunichar *text,
                 gsize           start,
                 gsize           end,
                 gunichar       *out,
                 gsize           size)
{
  gsize n = 0;
  gunichar tone = 0;

  for (gsize p = start; p <= end; p++)
    {
      gunichar c = p < end ? normalize_space (text[p]) : 0;

      if (p == end || !tp_is_word_char (c))
        {
          if (tone != 0)
            {
              if (n + 1 >= size)
                return FALSE;
              out[n++] = tone;
              tone = 0;
            }
          if (p == end)
            break;
          if (c == ' ' && n > 0 && out[n - 1] == ' ')
            continue;
        }
      else if (c < MARKS_TABLE_SIZE)
        {
          static GOnce once = G_ONCE_INIT;
          static const guint32 *table;
          guint32 v;

          if (G_UNLIKELY (table == NULL))
            table = g_once (&once, build_marks_table, NULL);
          v = table[c];
          if (v >> 21)
            tone = (v >> 21) - 1 + 0x0300;
          c = v & 0x1FFFFF;
        }
      else
        {
          c = tp_to_lower (c);
          if (c >= 0xC0)
            {
              gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
              gsize k = g_unichar_fully_decompose (c, FALSE, d, G_N_ELEMENTS (d));

              if (k > 1)
                {
                  gunichar base = d[0];

                  for (gsize i = 1; i < k; i++)
                    {
                      gunichar composed;

                      if (is_tone_mark (d[i]))
                        tone = d[i];
                      else if (g_unichar_compose (base, d[i], &composed))
                        base = composed;
                    }
                  c = base;
                }
            }
        }
      if (n + 1 >= size)
        return FALSE;
      out[n++] = c;
    }
  out[n] = 0;
  return TRUE;
}

/* Public API */

#define WORD_TABLE_SIZE 0x3000

static gpointer
build_word_table (gpointer data)
{
  guint8 *table = g_new0 (guint8, WORD_TABLE_SIZE);

  for (gunichar c = 0; c < WORD_TABLE_SIZE; c++)
    table[c] = g_unichar_isalnum (c) || g_unichar_ismark (c);
  return table;
}

static gpointer
build_lower_table (gpointer data)
{
  gunichar *table = g_new (gunichar, WORD_TABLE_SIZE);

  for (gunichar c = 0; c < WORD_TABLE_SIZE; c++)
    table[c] = g_unichar_tolower (c);
  return table;
}

gunichar
_tp_to_lower_slow (gunichar c)
{
  static GOnce once = G_ONCE_INIT;
  static const gunichar *table;

  if (c < WORD_TABLE_SIZE)
    {
      if (G_UNLIKELY (table == NULL))
        table = g_once (&once, build_lower_table, NULL);
      return table[c];
    }
  return g_unichar_tolower (c);
}

gboolean
_tp_is_word_char_slow (gunichar c)
{
  static GOnce once = G_ONCE_INIT;
  static const guint8 *table;

  if (c < WORD_TABLE_SIZE)
    {
      if (G_UNLIKELY (table == NULL))
        table = g_once (&once, build_word_table, NULL);
      return table[c];
    }
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

TpTrie *
tp_trie_new (void)
{
  TpTrie *self = g_new0 (TpTrie, 1);
  Node root = { -1, 0 };

  self->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  g_array_append_val (self->nodes, root);
  self->mask = 255;
  self->root = g_new0 (guint32, ROOT_SIZE);
  self->keys = g_new0 (guint64, self->mask + 1);
  self->children = g_new0 (guint32, self->mask + 1);
  return self;
}

void
tp_trie_free (TpTrie *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->nodes);
  g_array_unref (self->entries);
  g_free (self->root);
  g_free (self->keys);
  g_free (self->children);
  g_free (self->first_edge);
  g_free (self->edge_char);
  g_free (self->edge_child);
  g_free (self);
}

void
tp_trie_insert (TpTrie      *self,
                const char  *phrase,
                guint        payload,
                TpTrieFlags  flags)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  guint32 node = 0;
  gboolean last_space = TRUE;
  GString *exact = NULL;
  Entry entry;
  Node *np;

  g_return_if_fail (self != NULL);
  g_return_if_fail (phrase != NULL);

  chars = g_utf8_to_ucs4 (phrase, -1, NULL, &n, NULL);
  if (chars == NULL)
    return;
  /* Trailing "*" marks a prefix phrase. */
  if (n > 0 && chars[n - 1] == '*')
    {
      flags |= TP_TRIE_PREFIX;
      n--;
    }
  while (n > 0 && normalize_space (chars[n - 1]) == ' ')
    n--;
  if (flags & TP_TRIE_EXACT_CASE)
    exact = g_string_new (NULL);

  for (glong i = 0; i < n; i++)
    {
      gunichar c = normalize_space (chars[i]);

      if (c == ' ')
        {
          if (last_space)
            continue;
          last_space = TRUE;
        }
      else
        last_space = FALSE;
      if (exact != NULL)
        g_string_append_unichar (exact, c);
      node = add_child (self, node, tp_fold_char (c));
    }
  if (node == 0)
    {
      if (exact != NULL)
        g_string_free (exact, TRUE);
      return;
    }

  entry.payload = payload;
  entry.flags = flags;
  entry.exact = exact ? g_utf8_to_ucs4 (exact->str, -1, NULL, NULL, NULL) : NULL;
  entry.ascii = TRUE;
  for (glong i = 0; i < n; i++)
    if (chars[i] >= 0x80)
      entry.ascii = FALSE;
  entry.marked = g_new (gunichar, 2 * n + 2);
  if (!canonical_marks (chars, 0, n, entry.marked, 2 * n + 2))
    entry.marked[0] = 0;
  if (exact != NULL)
    g_string_free (exact, TRUE);
  np = &g_array_index (self->nodes, Node, node);
  entry.next = np->first;
  g_array_append_val (self->entries, entry);
  np->first = self->entries->len - 1;
  np->flags |= flags;
}

static gboolean
exact_matches (const Entry    *entry,
               const gunichar *text,
               gsize           pos,
               gsize           end)
{
  gsize i = 0;

  for (gsize p = pos; p < end; p++)
    {
      gunichar c = normalize_space (text[p]);

      if (c == ' ' && p > pos && normalize_space (text[p - 1]) == ' ')
        continue;
      if (entry->exact[i] == 0 || entry->exact[i] != c)
        return FALSE;
      i++;
    }
  return entry->exact[i] == 0;
}

/* The entries at @node that accept the text (case for exact entries, marks,
 * the word boundary after it): the first one, or all of them through
 * @func when it is given. */
static int
accepted_entry (TpTrie         *self,
                const Node     *node,
                const gunichar *text,
                gsize           len,
                gsize           pos,
                gsize           end,
                TpTrieHitFunc   func,
                gpointer        user_data)
{
  gboolean at_boundary = end >= len || !tp_is_word_char (text[end]);
  gunichar stack_buf[128];
  gunichar *marked = stack_buf;
  g_autofree gunichar *heap_buf = NULL;
  gboolean have_marked = FALSE;
  int text_ascii = -1;

  for (int e = node->first; e >= 0; e = g_array_index (self->entries, Entry, e).next)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, e);

      if (!at_boundary && !(entry->flags & TP_TRIE_PREFIX))
        continue;
      if ((entry->flags & TP_TRIE_EXACT_CASE) && !exact_matches (entry, text, pos, end))
        continue;
      /* Plain ASCII on both sides: the folded match was already exact. */
      if (text_ascii < 0)
        {
          text_ascii = 1;
          for (gsize p = pos; p < end; p++)
            if (text[p] >= 0x80)
              {
                text_ascii = 0;
                break;
              }
        }
      if (text_ascii == 1)
        {
          if (!entry->ascii)
            continue;
        }
      else if (!have_marked)
        {
          gsize need = 2 * (end - pos) + 2;

          if (need > G_N_ELEMENTS (stack_buf))
            marked = heap_buf = g_new (gunichar, need);
          canonical_marks (text, pos, end, marked, need);
          have_marked = TRUE;
        }
      if (text_ascii == 1)
        ;
      else if (!(entry->flags & TP_TRIE_PREFIX) || end >= len || !tp_is_word_char (text[end]))
        {
          gsize i = 0;

          while (entry->marked[i] != 0 && entry->marked[i] == marked[i])
            i++;
          if (entry->marked[i] != 0 || marked[i] != 0)
            continue;
        }
      else
        {
          /* A prefix phrase ends inside a word: compare without the tone,
           * which sits at the end of the word in canonical form. */
          gsize i = 0;

          while (entry->marked[i] != 0 && entry->marked[i] == marked[i])
            i++;
          if (entry->marked[i] != 0 && !is_tone_mark (entry->marked[i]))
            continue;
        }
      if (func == NULL)
        return e;
      func (end, entry->payload, user_data);
    }
  return -1;
}

gsize
tp_trie_match (TpTrie         *self,
               const gunichar *text,
               const gunichar *folded,
               gsize           len,
               gsize           pos,
               int            *entry)
{
  guint32 node = 0;
  gsize best_end = 0;
  int best_entry = -1;

  for (gsize p = pos; p < len; p++)
    {
      gunichar c = normalize_space (folded[p]);
      int child;

      /* Several spaces in the text match the single space of a phrase. */
      if (c == ' ' && p > pos && normalize_space (folded[p - 1]) == ' ')
        continue;
      child = find_child (self, node, c);
      if (child < 0)
        break;
      node = child;
      {
        const Node *np = &g_array_index (self->nodes, Node, node);

        if (np->first >= 0)
          {
            int e = accepted_entry (self, np, text, len, pos, p + 1, NULL, NULL);

            if (e >= 0)
              {
                best_end = p + 1;
                best_entry = e;
              }
          }
      }
    }
  if (entry != NULL)
    *entry = best_entry;
  return best_end;
}

/* Packs the trie for walking; further insertions unpack it again. */
void
tp_trie_pack (TpTrie *self)
{
  g_return_if_fail (self != NULL);

  if (!self->packed)
    pack_edges (self);
}

void
tp_trie_walk (TpTrie         *self,
              const gunichar *text,
              const gunichar *folded,
              gsize           len,
              gsize           pos,
              TpTrieHitFunc   func,
              gpointer        user_data)
{
  guint32 node = 0;

  if (G_UNLIKELY (!self->packed))
    pack_edges (self);

  /* The caller's folded text has its spaces normalised already. */
  for (gsize p = pos; p < len; p++)
    {
      gunichar c = folded[p];
      int child;
      const Node *np;

      if (c == ' ' && p > pos && folded[p - 1] == ' ')
        continue;
      child = find_packed_child (self, node, c);
      if (child < 0)
        break;
      node = child;
      np = &g_array_index (self->nodes, Node, node);
      if (np->first >= 0)
        accepted_entry (self, np, text, len, pos, p + 1, func, user_data);
    }
}

/* Walks the payloads of the phrase found by tp_trie_match(): every entry
 * that ends at the same node, in reverse order of insertion. */
gboolean
tp_trie_next_payload (TpTrie *self,
                      int    *entry,
                      guint  *payload)
{
  const Entry *e;

  if (*entry < 0)
    return FALSE;
  e = &g_array_index (self->entries, Entry, *entry);
  *payload = e->payload;
  *entry = e->next;
  return TRUE;
}
