/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-lexicon"

#include "config.h"

#include "tp-fold.h"
#include "tp-lexicon.h"
#include "tp-trie.h"

static TpLexicon *
default_lexicon (void)
{
  g_autoptr(GError) error = NULL;
  TpLexicon *lexicon = tp_lexicon_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (lexicon);
  return lexicon;
}

static void
test_lexicon_default_sizes (void)
{
  g_autoptr(TpLexicon) lexicon = default_lexicon ();
  GPtrArray *actors = tp_lexicon_get_actors (lexicon);
  guint per_side[3] = { 0 };
  guint no_side = 0;
  const char *sides[] = { "moscow", "washington", "kyiv" };

  g_assert_cmpuint (tp_lexicon_get_sides (lexicon)->len, ==, 3);
  g_assert_cmpuint (actors->len, >=, 60);
  for (guint i = 0; i < actors->len; i++)
    {
      const TpLexiconActor *actor = g_ptr_array_index (actors, i);
      gboolean known = FALSE;

      g_assert_nonnull (actor->name);
      if (actor->side == NULL)
        {
          no_side++;
          continue;
        }
      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        if (g_str_equal (actor->side, sides[s]))
          {
            per_side[s]++;
            known = TRUE;
          }
      g_assert_true (known);
      g_assert_nonnull (tp_lexicon_lookup_side (lexicon, actor->side));
    }
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    g_assert_cmpuint (per_side[s], >=, 12);
  g_assert_cmpuint (no_side, >=, 8);
  g_assert_cmpuint (tp_lexicon_get_topics (lexicon)->len, >=, 12);
  g_assert_cmpuint (tp_lexicon_get_topic_keywords (lexicon)->len, >=, 200);
}

typedef struct
{
  const char *alias;
  const char *date;
  const char *actor;   /* NULL: names nobody */
} AliasCase;

static const AliasCase alias_cases[] = {
  /* press spellings */
  { "Zelensky", NULL, "zelensky" },
  { "Zelenskiy", NULL, "zelensky" },
  { "Zelenskyy", NULL, "zelensky" },
  { "Zelenskyi", NULL, "zelensky" },
  { "Moskva", NULL, "russia" },
  { "Mát-xcơ-va", NULL, "russia" },
  { "Moscow", NULL, "russia" },
  { "Kiev", NULL, "ukraine" },
  { "Kiep", NULL, "ukraine" },
  { "Kyiv", NULL, "ukraine" },
  { "Điện Kremlin", NULL, "kremlin" },
  { "phía Kremlin", NULL, "kremlin" },
  { "DIEN KREMLIN", NULL, "kremlin" },        /* folded comparison */
  { "Nhà Trắng", NULL, "white-house" },
  { "White House", NULL, "white-house" },
  { "Bộ Ngoại giao Nga", NULL, "russia-mfa" },
  { "Lầu Năm Góc", NULL, "pentagon" },
  { "the Pentagon", NULL, "pentagon" },
  { "Bắc Kinh", NULL, "china" },
  { "IAEA", NULL, "iaea" },
  { "Nobody Inparticular", NULL, NULL },
  /* role aliases on both sides of their dates */
  { "Tổng thống Mỹ", "2024-11-12", "biden" },
  { "Tổng thống Mỹ", "2025-01-19", "biden" },
  { "Tổng thống Mỹ", "2025-01-20", "trump" },
  { "US President", "2025-07-05", "trump" },
  { "Tổng thống Mỹ", "2019-06-01", "trump" },
  { "Ngoại trưởng Ukraine", "2024-09-04", "kuleba" },
  { "Ngoại trưởng Ukraine", "2024-09-05", "sybiha" },
  { "Ukraine's foreign minister", "2023-01-01", "kuleba" },
  { "US Secretary of State", "2024-12-01", "blinken" },
  { "Ngoại trưởng Mỹ", "2025-03-01", "rubio" },
  { "NATO Secretary General", "2024-01-01", "stoltenberg" },
  { "Tổng thư ký NATO", "2025-01-01", "rutte" },
  { "Bộ trưởng Quốc phòng Nga", "2024-01-01", "shoigu" },
  { "Bộ trưởng Quốc phòng Nga", "2024-06-01", "belousov" },
  { "người phát ngôn Điện Kremlin", "2025-07-05", "peskov" },
  { "Tổng thống Mỹ", "2005-01-01", NULL },     /* a holder the registry does not know */
};

static void
test_lexicon_resolve (gconstpointer data)
{
  const AliasCase *c = data;
  g_autoptr(TpLexicon) lexicon = default_lexicon ();
  const TpLexiconActor *actor = tp_lexicon_resolve_alias (lexicon, c->alias,
                                                          c->date ? c->date : "2025-07-05");

  if (c->actor == NULL)
    g_assert_null (actor);
  else
    {
      g_assert_nonnull (actor);
      g_assert_cmpstr (actor->key, ==, c->actor);
    }
}

static void
test_lexicon_cues (void)
{
  g_autoptr(TpLexicon) lexicon = default_lexicon ();
  GPtrArray *cues = tp_lexicon_get_cues (lexicon);
  const char *wanted[] = {
    "vi", "cho biết", "vi", "cho hay", "vi", "nói thêm", "vi", "khẳng định", "vi", "tuyên bố",
    "vi", "nhấn mạnh", "vi", "than phiền", "vi", "tiết lộ", "vi", "bác bỏ", "vi", "cho rằng",
    "vi", "mô tả", "vi", "theo", "en", "said", "en", "told", "en", "added", "en", "stated",
    "en", "insisted", "en", "warned", "en", "claimed", "en", "denied", "en", "according to",
    "ru", "заявил", "uk", "заявив",
    /* the cues of the brief's second list */
    "vi", "nhận định", "vi", "đánh giá", "vi", "cảnh báo", "vi", "kêu gọi", "vi", "yêu cầu",
    "vi", "cam kết", "vi", "thừa nhận", "vi", "phủ nhận", "vi", "khẳng định lại",
    "vi", "tuyên bố rằng", "vi", "nêu rõ", "vi", "phát biểu", "vi", "chia sẻ", "vi", "bày tỏ",
    "vi", "lưu ý", "vi", "cho hay thêm", "vi", "dẫn lời",
    "en", "noted", "en", "argued", "en", "acknowledged", "en", "suggested", "en", "urged",
    "en", "wrote", "en", "wrote on X", "en", "posted", "en", "vowed", "en", "pledged",
    "en", "announced", "en", "reiterated", "en", "emphasised", "en", "emphasized",
    "en", "stressed", "en", "accused", "en", "called for", "en", "told a news conference",
    "en", "in a statement", "en", "in an interview with", "en", "speaking to",
  };

  for (guint w = 0; w < G_N_ELEMENTS (wanted); w += 2)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < cues->len && !found; i++)
        {
          const TpLexiconCue *cue = g_ptr_array_index (cues, i);

          found = g_strcmp0 (cue->language, wanted[w]) == 0
                  && g_str_equal (cue->text, wanted[w + 1]);
        }
      if (!found)
        g_test_message ("missing cue %s/%s", wanted[w], wanted[w + 1]);
      g_assert_true (found);
    }
}

/* "She" must not name a man: the registry knows who is a woman. */
static void
test_lexicon_genders (void)
{
  g_autoptr(TpLexicon) lexicon = default_lexicon ();
  const char *women[] = { "zakharova", "stefanishyna", "leavitt", "kallas", "von-der-leyen" };
  const char *men[] = { "peskov", "putin", "zelensky", "trump", "rubio", "lavrov" };
  GPtrArray *actors = tp_lexicon_get_actors (lexicon);

  for (guint i = 0; i < G_N_ELEMENTS (women); i++)
    g_assert_cmpint (tp_lexicon_lookup_actor (lexicon, women[i])->gender, ==, TP_GENDER_FEMALE);
  for (guint i = 0; i < G_N_ELEMENTS (men); i++)
    g_assert_cmpint (tp_lexicon_lookup_actor (lexicon, men[i])->gender, ==, TP_GENDER_MALE);
  /* bodies and countries have none; every person has one */
  for (guint i = 0; i < actors->len; i++)
    {
      const TpLexiconActor *actor = g_ptr_array_index (actors, i);

      if (actor->kind != TP_ACTOR_PERSON)
        g_assert_cmpint (actor->gender, ==, TP_GENDER_UNKNOWN);
      else
        g_assert_cmpint (actor->gender, !=, TP_GENDER_UNKNOWN);
    }

  /* a lexicon built by hand sets them itself */
  {
    g_autoptr(TpLexicon) built = tp_lexicon_new ();

    tp_lexicon_add_actor (built, "x", "X", NULL, TP_ACTOR_PERSON, NULL);
    g_assert_cmpint (tp_lexicon_lookup_actor (built, "x")->gender, ==, TP_GENDER_UNKNOWN);
    tp_lexicon_set_actor_gender (built, "x", TP_GENDER_FEMALE);
    g_assert_cmpint (tp_lexicon_lookup_actor (built, "x")->gender, ==, TP_GENDER_FEMALE);
  }
}

static void
test_lexicon_topics (void)
{
  g_autoptr(TpLexicon) lexicon = default_lexicon ();
  const char *keys[] = {
    "negotiations", "ceasefire", "territory", "nato-neutrality", "military-aid", "sanctions",
    "prisoner-exchange", "security-guarantees", "energy", "nuclear-safety", "war-aims",
    "us-russia-relations",
  };
  GPtrArray *labels = tp_lexicon_get_topic_labels (lexicon);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gboolean has_vi_label = FALSE;

      g_assert_nonnull (tp_lexicon_lookup_topic (lexicon, keys[i]));
      for (guint l = 0; l < labels->len; l++)
        {
          const TpLexiconTerm *term = g_ptr_array_index (labels, l);

          if (g_str_equal (term->topic, keys[i]) && g_strcmp0 (term->language, "vi") == 0)
            has_vi_label = TRUE;
        }
      g_assert_true (has_vi_label);
    }
}

/* The store rebuilds a lexicon from its tables with the add functions. */
static void
test_lexicon_build (void)
{
  g_autoptr(TpLexicon) lexicon = tp_lexicon_new ();
  const TpLexiconActor *actor;

  tp_lexicon_add_side (lexicon, "moscow", "Moscow", "#c0392b", 0);
  tp_lexicon_add_side (lexicon, "kyiv", "Kyiv", NULL, 2);
  tp_lexicon_add_actor (lexicon, "peskov", "Dmitry Peskov", "moscow", TP_ACTOR_PERSON,
                        "Kremlin spokesman");
  g_assert_true (tp_lexicon_add_actor_alias (lexicon, "peskov", NULL, "Peskov"));
  g_assert_false (tp_lexicon_add_actor_alias (lexicon, "nobody", NULL, "Nobody"));
  g_assert_true (tp_lexicon_add_role_alias (lexicon, "peskov", "vi", "người phát ngôn Điện Kremlin",
                                            "2012-05-22", NULL));
  g_assert_false (tp_lexicon_add_role_alias (lexicon, "peskov", "en", "Kremlin spokesman",
                                             "May 2012", NULL));
  tp_lexicon_add_topic (lexicon, "ceasefire", "Ceasefire");
  g_assert_true (tp_lexicon_add_topic_label (lexicon, "ceasefire", "vi", "Ngừng bắn"));
  g_assert_true (tp_lexicon_add_topic_keyword (lexicon, "ceasefire", "vi", "ngừng bắn"));
  g_assert_false (tp_lexicon_add_topic_keyword (lexicon, "nothing", "vi", "x"));
  tp_lexicon_add_cue (lexicon, "vi", "cho biết", TP_CUE_VERB);

  /* Adding a side again replaces its fields, not the side. */
  tp_lexicon_add_side (lexicon, "kyiv", "Kyiv", "#d4a017", 2);
  g_assert_cmpuint (tp_lexicon_get_sides (lexicon)->len, ==, 2);
  g_assert_cmpstr (tp_lexicon_lookup_side (lexicon, "kyiv")->color, ==, "#d4a017");

  g_assert_cmpuint (tp_lexicon_get_actors (lexicon)->len, ==, 1);
  g_assert_cmpuint (tp_lexicon_get_aliases (lexicon)->len, ==, 2);
  g_assert_cmpuint (tp_lexicon_get_topic_keywords (lexicon)->len, ==, 1);
  g_assert_cmpuint (tp_lexicon_get_cues (lexicon)->len, ==, 1);

  actor = tp_lexicon_resolve_alias (lexicon, "nguoi phat ngon dien kremlin", "2020-01-01");
  g_assert_nonnull (actor);
  g_assert_cmpstr (actor->key, ==, "peskov");
  g_assert_null (tp_lexicon_resolve_alias (lexicon, "người phát ngôn Điện Kremlin", "2010-01-01"));
}

static void
test_lexicon_enums (void)
{
  TpActorKind kind;
  TpCueType type;

  for (int k = TP_ACTOR_PERSON; k <= TP_ACTOR_COUNTRY; k++)
    {
      g_assert_true (tp_actor_kind_from_string (tp_actor_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  for (int t = TP_CUE_VERB; t <= TP_CUE_NOT; t++)
    {
      g_assert_true (tp_cue_type_from_string (tp_cue_type_to_string (t), &type));
      g_assert_cmpint (type, ==, t);
    }
  g_assert_false (tp_actor_kind_from_string ("planet", &kind));
  g_assert_false (tp_cue_type_from_string (NULL, &type));
}

static void
on_hit (gsize    end,
        guint    payload,
        gpointer user_data)
{
  GArray *hits = user_data;

  g_array_append_val (hits, payload);
}

static GArray *
walk (TpTrie     *trie,
      const char *text)
{
  glong len = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4 (text, -1, NULL, &len, NULL);
  g_autofree gunichar *folded = g_new (gunichar, len + 1);
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (guint));

  for (glong i = 0; i < len; i++)
    folded[i] = tp_fold_char (chars[i]);
  tp_trie_walk (trie, chars, folded, len, 0, on_hit, hits);
  return hits;
}

/* The phrase trie under the lexicon: nodes with many children (every
 * letter after "a"), marks, prefixes and short acronyms. */
static void
test_lexicon_trie (void)
{
  g_autoptr(TpTrie) trie = tp_trie_new ();
  g_autoptr(GString) phrase = g_string_new (NULL);

  for (char c = 'a'; c <= 'z'; c++)
    {
      g_string_printf (phrase, "a%c%c phrase", c, c);
      tp_trie_insert (trie, phrase->str, c, 0);
    }
  tp_trie_insert (trie, "nói", 100, 0);
  tp_trie_insert (trie, "negotiat*", 101, 0);
  tp_trie_insert (trie, "UN", 102, TP_TRIE_EXACT_CASE);
  tp_trie_insert (trie, "hòa bình", 103, 0);
  tp_trie_pack (trie);

  for (char c = 'a'; c <= 'z'; c++)
    {
      g_autoptr(GArray) hits = NULL;

      g_string_printf (phrase, "A%c%c Phrase here", c, c);
      hits = walk (trie, phrase->str);
      g_assert_cmpuint (hits->len, ==, 1);
      g_assert_cmpuint (g_array_index (hits, guint, 0), ==, (guint) c);
    }
  {
    g_autoptr(GArray) say = walk (trie, "Nói rõ");
    g_autoptr(GArray) join = walk (trie, "nối lại");         /* other marks: another word */
    g_autoptr(GArray) prefix = walk (trie, "negotiations");
    g_autoptr(GArray) un = walk (trie, "UN said");
    g_autoptr(GArray) un_word = walk (trie, "un peu");
    g_autoptr(GArray) tone = walk (trie, "hoà bình");        /* the other tone placement */
    g_autoptr(GArray) inside = walk (trie, "aaaphrase");

    g_assert_cmpuint (say->len, ==, 1);
    g_assert_cmpuint (join->len, ==, 0);
    g_assert_cmpuint (prefix->len, ==, 1);
    g_assert_cmpuint (un->len, ==, 1);
    g_assert_cmpuint (un_word->len, ==, 0);
    g_assert_cmpuint (tone->len, ==, 1);
    g_assert_cmpuint (inside->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lexicon/default/sizes", test_lexicon_default_sizes);
  for (guint i = 0; i < G_N_ELEMENTS (alias_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lexicon/resolve/%u", i);

      g_test_add_data_func (path, &alias_cases[i], test_lexicon_resolve);
    }
  g_test_add_func ("/lexicon/default/cues", test_lexicon_cues);
  g_test_add_func ("/lexicon/default/topics", test_lexicon_topics);
  g_test_add_func ("/lexicon/default/genders", test_lexicon_genders);
  g_test_add_func ("/lexicon/build", test_lexicon_build);
  g_test_add_func ("/lexicon/enums", test_lexicon_enums);
  g_test_add_func ("/lexicon/trie", test_lexicon_trie);

  return g_test_run ();
}
