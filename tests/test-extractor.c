/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-extractor"

#include "config.h"

#include <string.h>

#include "tp-extractor.h"

/* The fixtures under data/analysis/ are articles written for Triptych in
 * the style of the news it reads; each test names the statements it must
 * find and the quotations it must not take for statements. */

typedef struct
{
  const char *contains;
  const char *kind;       /* NULL: any */
  const char *actor_key;  /* NULL: no actor */
  const char *side;       /* NULL: no side */
  const char *said_on;    /* NULL: not checked */
  const char *speaker;    /* NULL: not checked */
} Expect;

static TpLexicon *shared_lexicon;

static TpArticle *
load_fixture (const char *name,
              const char *published)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "analysis", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  TpArticle *article = tp_article_new ();

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_strchomp (contents);
  tp_article_set_body (article, contents);
  article->published = g_strdup (published);
  return article;
}

static GPtrArray *
extract (TpArticle *article)
{
  g_autoptr(TpExtractor) extractor = tp_extractor_new (shared_lexicon);
  GPtrArray *statements = tp_extractor_run (extractor, article);
  glong body_chars = article->body ? g_utf8_strlen (article->body, -1) : 0;
  g_autofree gsize *byte_at = g_new (gsize, body_chars + 1);
  const char *p = article->body;

  /* Byte offset of every character, so checking thousands of spans stays
   * linear. */
  for (glong c = 0; c < body_chars; c++, p = g_utf8_next_char (p))
    byte_at[c] = p - article->body;
  byte_at[body_chars] = article->body ? strlen (article->body) : 0;

  /* Every statement points back at its exact span of the body, in order. */
  for (guint i = 0; i < statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (statements, i);
      g_autofree char *span = NULL;

      g_assert_cmpint (st->start, >=, 0);
      g_assert_cmpint (st->start, <, st->end);
      g_assert_cmpint (st->end, <=, body_chars);
      span = g_strndup (article->body + byte_at[st->start],
                        byte_at[st->end] - byte_at[st->start]);
      g_assert_cmpstr (span, ==, st->text);
      g_assert_cmpfloat (st->confidence, >, 0.0);
      g_assert_cmpfloat (st->confidence, <=, 1.0);
      g_assert_cmpint (st->review, ==, TP_REVIEW_AUTO);
      if (i > 0)
        g_assert_cmpint (((TpStatement *) g_ptr_array_index (statements, i - 1))->start, <=,
                         st->start);
      if (st->side != NULL)
        g_assert_nonnull (st->actor_key);
    }
  return statements;
}

static TpStatement *
find_statement (GPtrArray  *statements,
                const char *contains)
{
  for (guint i = 0; i < statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (statements, i);

      if (strstr (st->text, contains) != NULL)
        return st;
    }
  return NULL;
}

static void
check_expectations (GPtrArray    *statements,
                    const Expect *expects,
                    gsize         n)
{
  for (gsize i = 0; i < n; i++)
    {
      const Expect *e = &expects[i];
      TpStatement *st = find_statement (statements, e->contains);

      if (st == NULL)
        g_test_message ("no statement contains “%s”", e->contains);
      g_assert_nonnull (st);
      if (e->kind != NULL)
        g_assert_cmpstr (tp_statement_kind_to_string (st->kind), ==, e->kind);
      g_assert_cmpstr (st->actor_key, ==, e->actor_key);
      g_assert_cmpstr (st->side, ==, e->side);
      if (e->said_on != NULL)
        g_assert_cmpstr (st->said_on, ==, e->said_on);
      if (e->speaker != NULL)
        g_assert_cmpstr (st->speaker, ==, e->speaker);
    }
}

static void
check_absent (GPtrArray   *statements,
              const char **texts,
              gsize        n)
{
  for (gsize i = 0; i < n; i++)
    for (guint s = 0; s < statements->len; s++)
      {
        TpStatement *st = g_ptr_array_index (statements, s);

        if (strstr (st->text, texts[i]) != NULL)
          g_test_message ("“%s” should not be a statement", texts[i]);
        g_assert_null (strstr (st->text, texts[i]));
      }
}

/* Vietnamese */

static void
test_extractor_vietnamese (void)
{
  g_autoptr(TpArticle) article = load_fixture ("vi-kremlin.txt", "2025-06-20");
  g_autoptr(GPtrArray) statements = extract (article);
  const Expect expects[] = {
    /* institution as speaker, leading cue */
    { "Nga sẵn sàng nối lại đàm phán với Ukraine", "indirect", "kremlin", "moscow", NULL },
    /* leading attribution before a colon, a quotation of two sentences */
    { "Chúng tôi chưa bao giờ từ chối đối thoại. Quả bóng đang nằm ở phía Kiev", "direct",
      "peskov", "moscow", NULL },
    /* pronoun + reported clause with a partial quotation */
    { "không thấy tín hiệu nghiêm túc nào", "mixed", "peskov", "moscow", NULL },
    /* trailing attribution */
    { "Mọi thỏa thuận phải tính đến thực tế trên thực địa", "direct", "peskov", "moscow", NULL },
    /* theo X */
    { "các lô vũ khí mới của phương Tây chỉ kéo dài cuộc xung đột", "indirect", "russia-mfa",
      "moscow", NULL },
    /* a role alias resolved by the article date, with a date in the text */
    { "tối hậu thư đòi Kiev đầu hàng", "indirect", "sybiha", "kyiv", "2025-06-14" },
    { "Chúng tôi sẽ không đánh đổi lãnh thổ lấy một lời hứa", "direct", "sybiha", "kyiv", NULL },
    { "Washington sẽ không rút khỏi các cuộc đàm phán", "indirect", "trump", "washington",
      "2025-06-20" },   /* a Friday: "hôm thứ Sáu" is that day */
    { "Washington sẽ tiếp tục hỗ trợ Kiev", "mixed", "white-house", "washington", NULL },
    /* a person outside the registry: kept as speaker, no actor, no side */
    { "các bên vẫn còn cách xa nhau về vấn đề lãnh thổ", "indirect", NULL, NULL, NULL,
      "Nguyễn Văn Bình" },
    /* surname → full name; a nested quotation stays inside */
    { "Điều quan trọng nhất lúc này là giữ cho kênh liên lạc không bị đứt gãy. Nếu không, "
      "mọi “kế hoạch hòa bình” chỉ nằm trên giấy", "direct", NULL, NULL, NULL, "Nguyễn Văn Bình" },
    /* a bare quotation paragraph takes the speaker of the paragraph before */
    { "Không bên nào muốn là người đầu tiên nhượng bộ trên bàn đàm phán", "direct", NULL, NULL,
      NULL, "Nguyễn Văn Bình" },
  };
  const char *absent[] = {
    "công thức hòa bình",      /* a plan's name */
    "bước đi chiến thuật",     /* a label */
    "được cho là đang cân nhắc",
    "hứng chịu các đợt tấn công",
  };
  TpStatement *st;

  check_expectations (statements, expects, G_N_ELEMENTS (expects));
  check_absent (statements, absent, G_N_ELEMENTS (absent));

  /* A scare quote inside a reported clause does not stand alone. */
  st = find_statement (statements, "chừng nào còn cần thiết");
  g_assert_nonnull (st);
  g_assert_cmpint (st->kind, ==, TP_STATEMENT_MIXED);

  /* Topics come from the lexicon's keywords. */
  st = find_statement (statements, "nhà máy điện hạt nhân Zaporizhzhia");
  g_assert_nonnull (st);
  g_assert_true (tp_statement_has_topic (st, "nuclear-safety"));
  st = find_statement (statements, "trao đổi tù binh");
  g_assert_true (tp_statement_has_topic (st, "prisoner-exchange"));
  g_assert_true (tp_statement_has_topic (st, "territory"));
  st = find_statement (statements, "không thấy tín hiệu nghiêm túc nào");
  g_assert_true (tp_statement_has_topic (st, "ceasefire"));
  g_assert_cmpstr (st->cue, ==, "nói thêm rằng");
}

/* The same article a year earlier: the titles name the holders of then. */
static void
test_extractor_role_dates (void)
{
  g_autoptr(TpArticle) article = load_fixture ("vi-kremlin.txt", "2024-06-20");
  g_autoptr(GPtrArray) statements = extract (article);
  const Expect expects[] = {
    { "tối hậu thư đòi Kiev đầu hàng", "indirect", "kuleba", "kyiv", "2024-06-14" },
    { "Washington sẽ không rút khỏi các cuộc đàm phán", "indirect", "biden", "washington",
      "2024-06-14" },
  };

  check_expectations (statements, expects, G_N_ELEMENTS (expects));
}

/* English */

static void
test_extractor_english (void)
{
  g_autoptr(TpArticle) article = load_fixture ("en-talks.txt", "2025-07-05");
  g_autoptr(GPtrArray) statements = extract (article);
  const Expect expects[] = {
    { "We are ready to continue the exchanges", "direct", "peskov", "moscow", NULL },
    /* consecutive quotes share their speaker */
    { "The delays are entirely on the Ukrainian side", "direct", "peskov", "moscow", NULL },
    { "Russia would not accept any \"reassurance force\"", "mixed", "peskov", "moscow", NULL },
    /* a role noun names the last speaker */
    { "We will not be rushed into a bad agreement", "direct", "peskov", "moscow", NULL },
    { "Washington would keep pushing for a deal", "indirect", "rubio", "washington", NULL },
    { "Both sides need to show flexibility on territory", "direct", "rubio", "washington",
      "2025-07-04" },
    { "a new package of air defence missiles will be delivered", "indirect", "pentagon",
      "washington", NULL },
    /* inversion and a person outside the registry, then surname alone */
    { "It's a start", "direct", NULL, NULL, NULL, "Olena Kovalchuk" },
    { "sanctions alone would not force Moscow to negotiate", "indirect", NULL, NULL, NULL,
      "Olena Kovalchuk" },
    /* a question closed before its attribution in the next sentence, then
     * a quotation that follows in the same paragraph */
    { "Why would Moscow agree to talks now?", "direct", NULL, NULL, NULL, "Olena Kovalchuk" },
    { "It believes time is on its side", "direct", NULL, NULL, NULL, "Olena Kovalchuk" },
  };
  const char *absent[] = {
    "special military operation",
    "rejected the claim",
  };
  TpStatement *st;

  check_expectations (statements, expects, G_N_ELEMENTS (expects));
  check_absent (statements, absent, G_N_ELEMENTS (absent));

  st = find_statement (statements, "Why would Moscow agree to talks now?");
  g_assert_cmpstr (st->cue, ==, "asked");

  /* A quotation continued over two paragraphs is one statement. */
  st = find_statement (statements, "Russia is dragging this out deliberately");
  g_assert_nonnull (st);
  g_assert_cmpint (st->kind, ==, TP_STATEMENT_DIRECT);
  g_assert_cmpstr (st->actor_key, ==, "zelensky");
  g_assert_nonnull (strstr (st->text, "We have done everything that was asked of us"));
  g_assert_nonnull (strchr (st->text, '\n'));

  /* "victory plan" is a name inside a reported clause, not a statement. */
  for (guint i = 0; i < statements->len; i++)
    {
      st = g_ptr_array_index (statements, i);
      g_assert_cmpstr (st->text, !=, "victory plan");
    }
  st = find_statement (statements, "victory plan");
  g_assert_nonnull (st);
  g_assert_cmpint (st->kind, ==, TP_STATEMENT_MIXED);
  g_assert_cmpstr (st->speaker, ==, "Olena Kovalchuk");
}

static void
test_extractor_english_before (void)
{
  g_autoptr(TpArticle) article = load_fixture ("en-talks.txt", "2024-12-01");
  g_autoptr(GPtrArray) statements = extract (article);
  const Expect expects[] = {
    { "Washington would keep pushing for a deal", "indirect", "blinken", "washington", NULL },
    { "Both sides need to show flexibility on territory", "direct", "blinken", "washington",
      "2024-07-04" },
  };

  check_expectations (statements, expects, G_N_ELEMENTS (expects));
}

/* Russian and Ukrainian: guillemets, dash attribution, inflected names */
static void
test_extractor_russian_ukrainian (void)
{
  g_autoptr(TpArticle) article = load_fixture ("ru-uk.txt", "2025-03-14");
  g_autoptr(GPtrArray) statements = extract (article);
  const Expect expects[] = {
    { "Мы готовы к переговорам", "direct", "peskov", "moscow", NULL },
    { "Москва ждёт ответа от Вашингтона", NULL, "peskov", "moscow", NULL },
    { "Україна не визнає окупацію жодної території", "indirect", "zelensky", "kyiv", NULL },
    { "Без гарантій безпеки мир неможливий", "direct", "zelensky", "kyiv", NULL },
  };
  TpStatement *st;

  check_expectations (statements, expects, G_N_ELEMENTS (expects));
  st = find_statement (statements, "Мы готовы к переговорам");
  g_assert_true (tp_statement_has_topic (st, "negotiations"));
  for (guint i = 0; i < statements->len; i++)
    g_assert_cmpstr (((TpStatement *) g_ptr_array_index (statements, i))->text, !=,
                     "мирного плана");
}

/* Bad and odd input */

static void
test_extractor_unbalanced (void)
{
  g_autoptr(TpArticle) article = load_fixture ("unbalanced.txt", "2025-07-05");
  g_autoptr(GPtrArray) statements = extract (article);
  const Expect expects[] = {
    { "không có kế hoạch tấn công các nước NATO", NULL, "peskov", "moscow", NULL },
  };

  check_expectations (statements, expects, G_N_ELEMENTS (expects));
}

static void
test_extractor_empty (void)
{
  const char *bodies[] = { "", "\n\n", "   ", "“", "\"\"", "«»", "Chỉ một câu.", NULL };
  g_autoptr(TpArticle) none = tp_article_new ();
  g_autoptr(GPtrArray) from_none = extract (none);

  g_assert_cmpuint (from_none->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (bodies) - 1; i++)
    {
      g_autoptr(TpArticle) article = tp_article_new ();
      g_autoptr(GPtrArray) statements = NULL;

      tp_article_set_body (article, bodies[i]);
      statements = extract (article);
      g_assert_cmpuint (statements->len, ==, 0);
    }
}

static void
test_extractor_no_date (void)
{
  g_autoptr(TpArticle) article = load_fixture ("vi-kremlin.txt", NULL);
  g_autoptr(GPtrArray) statements = extract (article);
  TpStatement *st = find_statement (statements, "tối hậu thư đòi Kiev đầu hàng");

  /* Without a publication date, "hôm 14/6" has no year. */
  g_assert_nonnull (st);
  g_assert_null (st->said_on);
}

/* Captions are kept apart by ingest and never analysed. */
static void
test_extractor_captions (void)
{
  g_autoptr(TpArticle) article = tp_article_new ();
  g_autoptr(GPtrArray) statements = NULL;

  tp_article_set_body (article, "Thủ đô Kiev hôm qua vẫn yên tĩnh.");
  tp_article_add_caption (article, "“Chúng tôi sẵn sàng đàm phán ngay”, ông Peskov nói. Ảnh: TASS.");
  statements = extract (article);
  g_assert_cmpuint (statements->len, ==, 0);
}

/* 5,000 quotations: all found, in linear time. */
static void
test_extractor_many_quotes (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(TpArticle) article = tp_article_new ();
  g_autoptr(GPtrArray) statements = NULL;
  gint64 start;
  guint peskov = 0;
  guint zelensky = 0;

  for (guint i = 0; i < 5000; i++)
    {
      if (body->len > 0)
        g_string_append_c (body, i % 10 == 0 ? '\n' : ' ');
      if (i % 2 == 0)
        g_string_append_printf (body, "“Tuyên bố số %u của chúng tôi vẫn giữ nguyên”, ông Peskov nói.", i);
      else
        g_string_append_printf (body, "\"Statement number %u still stands as it was,\" Zelensky said.", i);
    }
  tp_article_set_body (article, body->str);
  article->published = g_strdup ("2025-07-05");

  start = g_get_monotonic_time ();
  statements = extract (article);
  g_test_message ("5,000 quotes in %.3f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  g_assert_cmpuint (statements->len, ==, 5000);
  for (guint i = 0; i < statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (statements, i);

      g_assert_cmpint (st->kind, ==, TP_STATEMENT_DIRECT);
      if (g_strcmp0 (st->actor_key, "peskov") == 0)
        peskov++;
      else if (g_strcmp0 (st->actor_key, "zelensky") == 0)
        zelensky++;
    }
  g_assert_cmpuint (peskov, ==, 2500);
  g_assert_cmpuint (zelensky, ==, 2500);
}

/* A body of several megabytes is analysed in segments: offsets stay exact
 * and nothing is lost at the seams. */
static void
test_extractor_long_body (void)
{
  g_autoptr(TpArticle) one = load_fixture ("vi-kremlin.txt", "2025-06-20");
  g_autoptr(GPtrArray) from_one = extract (one);
  g_autoptr(TpArticle) article = tp_article_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) statements = NULL;
  guint copies = 0;

  while (body->len < 3 * 1024 * 1024)
    {
      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, one->body);
      copies++;
    }
  tp_article_set_body (article, body->str);
  article->published = g_strdup ("2025-06-20");
  statements = extract (article);
  g_assert_cmpuint (statements->len, ==, copies * from_one->len);
}

/* Names inside longer names, qualifiers before a title and a name, and a
 * second name before a verb. */
static void
test_extractor_names (void)
{
  g_autoptr(TpArticle) article = tp_article_new ();
  g_autoptr(GPtrArray) statements = NULL;
  const Expect expects[] = {
    { "the talks would resume next week in Istanbul", "indirect", "zelensky", "kyiv", NULL },
    { "Washington hy vọng Moskva sẽ đáp lại tích cực", "mixed", "rubio", "washington", NULL },
  };
  const char *absent[] = { "các quan chức Mỹ đã gặp nhau tại Jeddah" };

  tp_article_set_body (article,
                       "Theo Washington Post, các quan chức Mỹ đã gặp nhau tại Jeddah trong hơn tám giờ.\n"
                       "Ukraine President Zelensky said the talks would resume next week in Istanbul.\n"
                       "Ngoại trưởng Mỹ Marco Rubio nói rằng \"quả bóng giờ nằm ở phía Nga\" và "
                       "Washington hy vọng Moskva sẽ đáp lại tích cực.");
  article->published = g_strdup ("2025-03-14");
  statements = extract (article);
  check_expectations (statements, expects, G_N_ELEMENTS (expects));
  check_absent (statements, absent, G_N_ELEMENTS (absent));
}

/* A small lexicon built by hand drives the same rules. */
static void
test_extractor_custom_lexicon (void)
{
  g_autoptr(TpLexicon) lexicon = tp_lexicon_new ();
  g_autoptr(TpExtractor) extractor = NULL;
  g_autoptr(TpArticle) article = tp_article_new ();
  g_autoptr(GPtrArray) statements = NULL;
  TpStatement *st;

  tp_lexicon_add_side (lexicon, "north", "North", NULL, 0);
  tp_lexicon_add_actor (lexicon, "ana", "Ana Example", "north", TP_ACTOR_PERSON, NULL);
  tp_lexicon_add_actor_alias (lexicon, "ana", NULL, "Example");
  tp_lexicon_add_cue (lexicon, "en", "remarked", TP_CUE_VERB);
  tp_lexicon_add_topic (lexicon, "weather", "Weather");
  tp_lexicon_add_topic_keyword (lexicon, "weather", "en", "rain*");

  extractor = tp_extractor_new (lexicon);
  tp_article_set_body (article, "\"The rains will come early this year,\" Example remarked.");
  statements = tp_extractor_run (extractor, article);
  g_assert_cmpuint (statements->len, ==, 1);
  st = g_ptr_array_index (statements, 0);
  g_assert_cmpstr (st->actor_key, ==, "ana");
  g_assert_cmpstr (st->actor, ==, "Ana Example");
  g_assert_cmpstr (st->side, ==, "north");
  g_assert_cmpstr (st->cue, ==, "remarked");
  g_assert_true (tp_statement_has_topic (st, "weather"));
}

/* Frames around reported speech */

static void
check_starts_with (GPtrArray  *statements,
                   const char *contains,
                   const char *prefix)
{
  TpStatement *st = find_statement (statements, contains);

  g_assert_nonnull (st);
  if (!g_str_has_prefix (st->text, prefix))
    g_test_message ("“%s” should start with “%s”", st->text, prefix);
  g_assert_true (g_str_has_prefix (st->text, prefix));
}

/* Outlets report; they are no side. */
static void
check_no_side (GPtrArray  *statements,
               const char *contains)
{
  TpStatement *st = find_statement (statements, contains);

  if (st != NULL)
    g_assert_null (st->side);
}

static void
test_extractor_frames_english (void)
{
  g_autoptr(TpArticle) article = load_fixture ("en-frames.txt", "2025-03-14");
  g_autoptr(GPtrArray) statements = NULL;
  const Expect expects[] = {
    /* a time adverbial after the verb dates the statement */
    { "it would accept a 30-day ceasefire", "indirect", "ukraine", "kyiv", "2025-03-13" },
    /* "according to X": X speaks, not the clause's subject */
    { "the president will speak with Vladimir Putin", "indirect", "white-house", "washington",
      NULL, "the White House" },
    /* an analyst outside the registry keeps no side */
    { "the front line has barely moved", "indirect", NULL, NULL, NULL, "Daniel Moreau" },
    /* an attribution inside the quotation joins its two parts */
    { "Russia,\" he said, \"would never accept foreign troops", "direct", NULL, NULL, NULL,
      "Daniel Moreau" },
    /* "she" passes over the man who spoke last to the woman named since */
    { "the talks in Istanbul had been a waste of time", "indirect", "zakharova", "moscow" },
    { "We are ready for a real peace", "direct", "zelensky", "kyiv" },
    /* "last Friday" in a Friday's article is a week back */
    { "Moscow remained open to dialogue", "indirect", "peskov", "moscow", "2025-03-07" },
    /* a role noun of an office */
    { "the West must stop sending weapons", "indirect", "putin", "moscow", "2025-03-10" },
    /* "they" is the body named before */
    { "the plan ignored the realities", "indirect", "kremlin", "moscow" },
    /* a question asked is the frame of the answer */
    { "Washington would keep every option", "indirect", "rubio", "washington" },
    /* a participle frame before the speaker is not what was said */
    { "Europe must keep paying for Ukraine's army", "indirect", "kallas", NULL },
    /* a role noun names the last actor of that role */
    { "the president was frustrated with the pace", "indirect", "leavitt", "washington" },
    { "no date had been set for the next exchange", "indirect", "peskov", "moscow" },
    /* an agency quoting someone: the clause after "as saying that" */
    { "Moscow had not received any written proposal", "indirect", "peskov", "moscow" },
    { "the situation was difficult but under control", "indirect", "zelensky", "kyiv" },
    /* the question is the frame, the answer the statement */
    { "Absolutely not, under no circumstances", "direct", "lavrov", "moscow" },
    { "the Kremlin would respond once it had received", "indirect", "peskov", "moscow" },
    /* the occasion between the verb and "that" is the frame */
    { "Ukraine had fulfilled every condition", "indirect", "zelensky", "kyiv" },
    /* an attribution set in commas inside reported speech */
    { "The deal, Rubio said, would have to include", "indirect", "rubio", "washington" },
    { "Such a truce, according to Zelensky, would only give", "indirect", "zelensky", "kyiv" },
    /* "said this" points back at the quotation before */
    { "there are nuances that need to be discussed", "direct", "putin", "moscow", "2025-03-13" },
    { "Ukraine would send a delegation to Jeddah", "indirect", "zelensky", "kyiv" },
    /* a participle apposition is no name */
    { "he would talk to Putin again", "indirect", "trump", "washington" },
    /* the occasion after a trailing attribution is no statement */
    { "There will be no peace that rewards aggression", "direct", "sybiha", "kyiv" },
    { "ready to discuss the Black Sea deal again", "indirect", "lavrov", "moscow" },
  };
  const char *absent[] = { "Glory to Ukraine", "Peace Through Strength",
                           "Speaking to reporters", "The Art of the Deal",
                           "would accept European peacekeepers",
                           "this at a joint news conference",
                           "in an interview with the BBC" };

  article->language = g_strdup ("en");
  statements = extract (article);
  check_expectations (statements, expects, G_N_ELEMENTS (expects));
  check_starts_with (statements, "it would accept a 30-day ceasefire", "it would");
  check_absent (statements, absent, G_N_ELEMENTS (absent));
  check_no_side (statements, "dozens of drones hit the port");
  check_no_side (statements, "the next round of talks had been postponed");
  check_starts_with (statements, "Moscow had not received any written proposal", "Moscow had");
  /* a newspaper is no speaker */
  g_assert_null (find_statement (statements, "the talks could resume in Riyadh"));
  /* a possessor is not the speaker */
  check_no_side (statements, "the ministry had summoned the French ambassador");
  check_starts_with (statements, "civilians have been killed", "more than 12,000");
  check_starts_with (statements, "Ukraine had fulfilled every condition", "Ukraine had");
  check_starts_with (statements, "expel three Russian diplomats", "it would");
  g_assert_cmpstr (find_statement (statements, "expel three Russian diplomats")->said_on, ==,
                   "2025-03-11");
  check_no_side (statements, "the explosions shook buildings");
  /* the subject of the clause after "noted that" does not note it;
   * "called X" names X */
  g_assert_null (find_statement (statements, "had quietly resumed work at the plant"));
  g_assert_null (find_statement (statements, "the first to publish the full list"));
  /* "I" is nobody's name */
  for (guint i = 0; i < statements->len; i++)
    g_assert_cmpstr (((TpStatement *) g_ptr_array_index (statements, i))->speaker, !=, "Shall I");
}

static void
test_extractor_frames_vietnamese (void)
{
  g_autoptr(TpArticle) article = load_fixture ("vi-frames.txt", "2025-03-14");
  g_autoptr(GPtrArray) statements = NULL;
  const Expect expects[] = {
    { "sẽ chấp nhận lệnh ngừng bắn 30 ngày", "indirect", "ukraine", "kyiv", "2025-03-13" },
    { "Tổng thống Mỹ sẽ điện đàm với ông Putin", "indirect", "white-house", "washington",
      NULL, "Nhà Trắng" },
    /* "An" ends a name here, it is no English article */
    { "cuộc chiến khó có thể kết thúc", "indirect", NULL, NULL, NULL, "Nguyễn Văn An" },
    { "Chúng tôi,” ông Peskov nói, “sẽ không bao giờ", "direct", "peskov", "moscow" },
    /* an agency quoting someone: the one quoted speaks */
    { "Moskva vẫn sẵn sàng đối thoại", "indirect", "peskov", "moscow" },
    /* "bà" never names ông Lavrov */
    { "các cuộc đàm phán ở Istanbul hoàn toàn vô ích", "indirect", "zakharova", "moscow" },
    { "Ukraine cần thêm hệ thống phòng không", "indirect", "zelensky", "kyiv" },
    /* a date in parentheses between the speaker and the verb */
    { "Nga sẵn sàng đàm phán với Mỹ về an ninh", "indirect", "peskov", "moscow", "2025-03-06" },
    { "Moskva sẽ không nhượng bộ", "indirect", "lavrov", "moscow", "2025-03-05" },
    { "Ukraine sẽ không công nhận vùng lãnh thổ", "indirect", "sybiha", "kyiv" },
    { "Washington vẫn giữ mọi lựa chọn", "indirect", "rubio", "washington" },
    { "châu Âu phải tiếp tục chi trả", "indirect", "kallas", NULL },
    { "Tổng thống Mỹ rất thất vọng với tiến độ", "indirect", "leavitt", "washington" },
    /* "họ" is the body of the sentence before */
    { "châu Âu hậu thuẫn Kiev", "indirect", "russia-mfa", "moscow" },
    { "Mỹ có thể áp đặt thêm các lệnh trừng phạt", "indirect", "trump", "washington" },
    /* a short aside in parentheses between the subject and the verb */
    { "Washington đã có những cuộc thảo luận rất tốt", "indirect", "trump", "washington",
      "2025-03-12" },
    { "Điện Kremlin đang chờ thêm thông tin", "indirect", "peskov", "moscow" },
    { "Nga, theo ông Peskov, sẽ không bao giờ", "indirect", "peskov", "moscow" },
    { "Thỏa thuận này, ông Rubio nói, phải bao gồm", "indirect", "rubio", "washington" },
    /* a cue that ends with "rằng" opens its clause, however short */
    { "Moskva sẵn sàng đối thoại", "indirect", "putin", "moscow" },
    { "có những sắc thái cần được thảo luận", "direct", "putin", "moscow", "2025-03-13" },
    { "đây không phải là giải pháp lâu dài", "direct", "ushakov", "moscow" },
    /* "phía này" is the body that opens the sentence before */
    { "Moskva sẽ đáp trả mọi hành động khiêu khích", "indirect", "russia-mfa", "moscow" },
    /* two speakers joined by "và": the first is filed, both are written */
    { "Ukraine sẽ không từ bỏ con đường gia nhập NATO", "indirect", "zelensky", "kyiv", NULL,
      "Zelensky và ông Sybiha" },
  };
  const char *absent[] = { "Vinh quang cho Ukraine", "Phát biểu tại Brussels",
                           "cuộc trao đổi tù binh sắp tới", "nhiều tòa nhà chung cư",
                           "hai bên sẽ ngừng bắn trong 30 ngày",
                           "như vậy trong cuộc họp báo",
                           "trong cuộc phỏng vấn với kênh" };
  TpStatement *vague;

  article->language = g_strdup ("vi");
  statements = extract (article);
  check_expectations (statements, expects, G_N_ELEMENTS (expects));
  check_absent (statements, absent, G_N_ELEMENTS (absent));
  check_no_side (statements, "vòng đàm phán tiếp theo");
  check_starts_with (statements, "Nhà Trắng đang soạn thảo", "Nhà Trắng");
  /* "họ" after "người dân" is not the country named in passing */
  check_no_side (statements, "tiếng còi báo động vang lên");
  g_assert_null (find_statement (statements, "các cuộc đàm phán có thể được nối lại"));
  /* "tuần trước" is too vague for a date */
  vague = find_statement (statements, "Ukraine sẽ không công nhận vùng lãnh thổ");
  g_assert_null (vague->said_on);
  /* the day after the verb without "hôm" is the day of what is announced */
  check_starts_with (statements, "các bên sẽ gặp nhau tại Riyadh", "ngày 20/3");
  g_assert_null (find_statement (statements, "các bên sẽ gặp nhau tại Riyadh")->said_on);
}

/* Only the article's language gives cues: "An" before a Vietnamese verb
 * is a name, and English words are no Vietnamese cues. */
static void
test_extractor_language (void)
{
  g_autoptr(TpArticle) article = tp_article_new ();
  g_autoptr(GPtrArray) statements = NULL;

  tp_article_set_body (article,
                       "Ông Trần Văn Minh said the convoy crossed the border at dawn on Sunday.\n"
                       "Ông Peskov nói rằng Nga sẽ không rút quân khỏi các vùng lãnh thổ mới.");
  article->published = g_strdup ("2025-03-14");
  article->language = g_strdup ("vi");
  statements = extract (article);
  g_assert_null (find_statement (statements, "the convoy crossed the border"));
  g_assert_nonnull (find_statement (statements, "Nga sẽ không rút quân"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  shared_lexicon = tp_lexicon_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/extractor/vietnamese", test_extractor_vietnamese);
  g_test_add_func ("/extractor/role-dates", test_extractor_role_dates);
  g_test_add_func ("/extractor/english", test_extractor_english);
  g_test_add_func ("/extractor/english-before", test_extractor_english_before);
  g_test_add_func ("/extractor/russian-ukrainian", test_extractor_russian_ukrainian);
  g_test_add_func ("/extractor/unbalanced", test_extractor_unbalanced);
  g_test_add_func ("/extractor/empty", test_extractor_empty);
  g_test_add_func ("/extractor/no-date", test_extractor_no_date);
  g_test_add_func ("/extractor/captions", test_extractor_captions);
  g_test_add_func ("/extractor/many-quotes", test_extractor_many_quotes);
  g_test_add_func ("/extractor/long-body", test_extractor_long_body);
  g_test_add_func ("/extractor/names", test_extractor_names);
  g_test_add_func ("/extractor/custom-lexicon", test_extractor_custom_lexicon);
  g_test_add_func ("/extractor/frames-english", test_extractor_frames_english);
  g_test_add_func ("/extractor/frames-vietnamese", test_extractor_frames_vietnamese);
  g_test_add_func ("/extractor/language", test_extractor_language);

  ret = g_test_run ();
  g_clear_object (&shared_lexicon);
  return ret;
}
