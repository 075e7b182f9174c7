/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-compare"

#include "config.h"

#include "tp-comparison.h"
#include "test-store-util.h"

/* A small library written for this test: three sides talk about
 * negotiations on several dates, only Kyiv talks about territory, nobody
 * about sanctions. */
static const struct
{
  const char *outlet;
  const char *language;
  const char *published;
  const char *body;
  const char *quote;
  const char *side;
  const char *topic;
  const char *topic2;
  const char *said_on;
} rows[] = {
  { "VTC News (sample)", "vi", "2025-07-05",
    "Ông Peskov nói Nga sẵn sàng đàm phán với Ukraine.", "Nga sẵn sàng đàm phán",
    "moscow", "negotiations", NULL, "2025-07-04" },
  { "VTC News (sample)", "vi", "2025-07-01",
    "Ông Peskov nói đàm phán phải tính đến thực tế trên thực địa.", "đàm phán phải tính đến thực tế",
    "moscow", "negotiations", "territory", NULL },
  { "Sample Wire", "en", "2025-07-03",
    "The State Department said talks could resume next week.", "talks could resume next week",
    "washington", "negotiations", NULL, NULL },
  { "Sample Wire", "en", "2025-07-02",
    "Zelensky said Ukraine would never cede its land.", "Ukraine would never cede its land",
    "kyiv", "territory", NULL, NULL },
  { "Dân trí (sample)", "vi", "2025-07-06",
    "Kiev nói đàm phán chỉ có thể bắt đầu sau ngừng bắn.", "đàm phán chỉ có thể bắt đầu sau ngừng bắn",
    "kyiv", "negotiations", "ceasefire", NULL },
  { "Sample Wire", "en", "2025-07-07",
    "An analyst said the talks were a show.", "the talks were a show",
    NULL, "negotiations", NULL, NULL },
};

typedef struct
{
  TestLibrary lib;
  TpStore *store;
  gint64 statement_ids[G_N_ELEMENTS (rows)];
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_library_init (&f->lib);
  f->store = tp_store_open (f->lib.path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.org/sample/%u", i);
      g_autoptr(TpArticle) article = make_article ("Sample article", url, rows[i].outlet,
                                                   rows[i].language, rows[i].published,
                                                   rows[i].body);
      g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
      TpStatement *s = make_statement (rows[i].body, rows[i].quote, "Speaker", NULL,
                                       rows[i].side, rows[i].topic);

      if (rows[i].topic2 != NULL)
        tp_statement_add_topic (s, rows[i].topic2);
      s->said_on = g_strdup (rows[i].said_on);
      g_ptr_array_add (statements, s);
      g_assert_true (tp_store_add_article (f->store, article, statements, NULL, &error));
      g_assert_no_error (error);
      f->statement_ids[i] = s->id;
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  test_library_clear (&f->lib);
}

static guint
find_topic (TpComparison *c,
            const char   *key)
{
  for (guint t = 0; t < tp_comparison_get_n_topics (c); t++)
    if (g_str_equal (tp_comparison_get_topic (c, t)->key, key))
      return t;
  g_assert_not_reached ();
}

static guint
find_side (TpComparison *c,
           const char   *key)
{
  for (guint s = 0; s < tp_comparison_get_n_sides (c); s++)
    if (g_str_equal (tp_comparison_get_side (c, s)->key, key))
      return s;
  g_assert_not_reached ();
}

static const char *
cell_text (TpComparison *c,
           const char   *topic,
           const char   *side,
           guint         i)
{
  GPtrArray *cell = tp_comparison_get_cell (c, find_topic (c, topic), find_side (c, side));

  if (i >= cell->len)
    return NULL;
  return ((TpComparisonItem *) g_ptr_array_index (cell, i))->statement->text;
}

/* Tests */

static void
test_grid (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpComparison) c = tp_comparison_new (f->store, NULL, &error);
  TpComparisonItem *item;
  GPtrArray *cell;

  g_assert_no_error (error);
  g_assert_nonnull (c);

  /* Columns follow the library's sides, in their order. */
  g_assert_cmpuint (tp_comparison_get_n_sides (c), ==, 3);
  g_assert_cmpstr (tp_comparison_get_side (c, 0)->key, ==, "moscow");
  g_assert_cmpstr (tp_comparison_get_side (c, 1)->key, ==, "washington");
  g_assert_cmpstr (tp_comparison_get_side (c, 2)->key, ==, "kyiv");
  g_assert_cmpuint (tp_comparison_get_n_topics (c), >=, 5);

  /* The statement without a side is in no cell; the one with two topics
   * is in two. */
  g_assert_cmpuint (tp_comparison_get_n_statements (c), ==, 5);

  /* Newest first: said on 2025-07-04 beats published 2025-07-01. */
  g_assert_cmpstr (cell_text (c, "negotiations", "moscow", 0), ==, "Nga sẵn sàng đàm phán");
  g_assert_cmpstr (cell_text (c, "negotiations", "moscow", 1), ==, "đàm phán phải tính đến thực tế");
  g_assert_null (cell_text (c, "negotiations", "moscow", 2));
  g_assert_cmpstr (cell_text (c, "negotiations", "washington", 0), ==, "talks could resume next week");
  g_assert_cmpstr (cell_text (c, "negotiations", "kyiv", 0), ==,
                   "đàm phán chỉ có thể bắt đầu sau ngừng bắn");
  g_assert_cmpstr (cell_text (c, "territory", "moscow", 0), ==, "đàm phán phải tính đến thực tế");
  g_assert_cmpstr (cell_text (c, "territory", "kyiv", 0), ==, "Ukraine would never cede its land");
  g_assert_cmpstr (cell_text (c, "ceasefire", "kyiv", 0), ==,
                   "đàm phán chỉ có thể bắt đầu sau ngừng bắn");

  /* Empty cells and rows are known. */
  g_assert_cmpuint (tp_comparison_get_cell (c, find_topic (c, "territory"),
                                            find_side (c, "washington"))->len, ==, 0);
  g_assert_false (tp_comparison_topic_is_empty (c, find_topic (c, "territory")));
  g_assert_true (tp_comparison_topic_is_empty (c, find_topic (c, "sanctions")));

  /* Each item carries what a citation needs. */
  cell = tp_comparison_get_cell (c, find_topic (c, "negotiations"), find_side (c, "moscow"));
  item = g_ptr_array_index (cell, 0);
  g_assert_cmpstr (item->date, ==, "2025-07-04");
  g_assert_cmpstr (item->article->outlet, ==, "VTC News (sample)");
  g_assert_cmpstr (item->article->title, ==, "Sample article");
  g_assert_cmpstr (item->article->url, ==, "https://example.org/sample/0");
  g_assert_cmpstr (item->article->published, ==, "2025-07-05");
  g_assert_cmpstr (item->statement->speaker, ==, "Speaker");
  g_assert_cmpint (item->statement->review, ==, TP_REVIEW_AUTO);
  g_assert_null (item->article->body);
  item = g_ptr_array_index (cell, 1);
  g_assert_cmpstr (item->date, ==, "2025-07-01");
  g_assert_cmpuint (tp_comparison_get_cell_total (c, find_topic (c, "negotiations"),
                                                  find_side (c, "moscow")), ==, 2);
  g_assert_nonnull (tp_comparison_get_generated (c));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpComparison) c = NULL;
  const char *outlets[] = { "Sample Wire", NULL };
  const char *languages[] = { "vi", NULL };
  const char *sides[] = { "kyiv", "moscow", NULL };
  const char *topics[] = { "negotiations", NULL };
  TpComparisonFilter filter = { 0 };

  filter.outlets = outlets;
  c = tp_comparison_new (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tp_comparison_get_n_statements (c), ==, 2);
  g_assert_cmpstr (tp_comparison_get_outlets (c)[0], ==, "Sample Wire");
  g_clear_object (&c);

  memset (&filter, 0, sizeof filter);
  filter.languages = languages;
  filter.date_from = "2025-07-02";
  filter.date_until = "2025-07-05";
  c = tp_comparison_new (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tp_comparison_get_n_statements (c), ==, 1);
  g_assert_cmpstr (cell_text (c, "negotiations", "moscow", 0), ==, "Nga sẵn sàng đàm phán");
  g_assert_cmpstr (tp_comparison_get_date_from (c), ==, "2025-07-02");
  g_clear_object (&c);

  /* Sides and topics restrict the columns and rows, in the library's order. */
  memset (&filter, 0, sizeof filter);
  filter.sides = sides;
  filter.topics = topics;
  c = tp_comparison_new (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tp_comparison_get_n_sides (c), ==, 2);
  g_assert_cmpstr (tp_comparison_get_side (c, 0)->key, ==, "moscow");
  g_assert_cmpuint (tp_comparison_get_n_topics (c), ==, 1);
  g_assert_cmpuint (tp_comparison_get_n_statements (c), ==, 3);
  g_clear_object (&c);

  /* Capped cells keep the newest and know their total. */
  memset (&filter, 0, sizeof filter);
  filter.max_per_cell = 1;
  c = tp_comparison_new (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cell_text (c, "negotiations", "moscow", 0), ==, "Nga sẵn sàng đàm phán");
  g_assert_null (cell_text (c, "negotiations", "moscow", 1));
  g_assert_cmpuint (tp_comparison_get_cell_total (c, find_topic (c, "negotiations"),
                                                  find_side (c, "moscow")), ==, 2);
  g_clear_object (&c);

  /* Every capped cell is the head of the uncapped one, whichever way the
   * store reads it (down a side, or from a topic). */
  {
    g_autoptr(TpComparison) all = tp_comparison_new (f->store, NULL, &error);

    for (guint cap = 1; cap <= 3; cap++)
      {
        g_autoptr(TpComparison) capped = NULL;

        memset (&filter, 0, sizeof filter);
        filter.max_per_cell = cap;
        capped = tp_comparison_new (f->store, &filter, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (tp_comparison_get_n_topics (capped), ==, tp_comparison_get_n_topics (all));
        for (guint t = 0; t < tp_comparison_get_n_topics (all); t++)
          for (guint sd = 0; sd < tp_comparison_get_n_sides (all); sd++)
            {
              GPtrArray *full = tp_comparison_get_cell (all, t, sd);
              GPtrArray *head = tp_comparison_get_cell (capped, t, sd);

              g_assert_cmpuint (head->len, ==, MIN (full->len, cap));
              g_assert_cmpuint (tp_comparison_get_cell_total (capped, t, sd), ==, full->len);
              for (guint i = 0; i < head->len; i++)
                g_assert_cmpint (((TpComparisonItem *) g_ptr_array_index (head, i))->statement->id, ==,
                                 ((TpComparisonItem *) g_ptr_array_index (full, i))->statement->id);
            }
      }
  }

  /* A bad date is an error, not an empty comparison. */
  memset (&filter, 0, sizeof filter);
  filter.date_from = "4/7";
  c = tp_comparison_new (f->store, &filter, &error);
  g_assert_null (c);
  g_assert_error (error, TP_STORE_ERROR, TP_STORE_ERROR_INVALID);
}

static void
test_review_and_tags (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpComparison) c = NULL;
  const char *tags[] = { "verified", NULL };
  TpComparisonFilter filter = { 0 };
  TpComparisonItem *item;
  gint64 tag;

  /* Rejected statements leave the comparison unless asked for. */
  g_assert_true (tp_store_set_statement_review (f->store, f->statement_ids[0],
                                                TP_REVIEW_REJECTED, &error));
  g_assert_true (tp_store_set_statement_review (f->store, f->statement_ids[2],
                                                TP_REVIEW_CONFIRMED, &error));
  c = tp_comparison_new (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tp_comparison_get_n_statements (c), ==, 4);
  g_assert_cmpstr (cell_text (c, "negotiations", "moscow", 0), ==, "đàm phán phải tính đến thực tế");
  g_clear_object (&c);

  filter.review_mask = TP_REVIEW_MASK (TP_REVIEW_CONFIRMED);
  c = tp_comparison_new (f->store, &filter, &error);
  g_assert_cmpuint (tp_comparison_get_n_statements (c), ==, 1);
  g_assert_cmpstr (cell_text (c, "negotiations", "washington", 0), ==, "talks could resume next week");
  g_clear_object (&c);

  tag = tp_store_ensure_tag (f->store, "verified", &error);
  g_assert_true (tp_store_tag_statement (f->store, f->statement_ids[3], tag, &error));
  g_assert_true (tp_store_add_note (f->store, f->statement_ids[3], "Checked with the video",
                                    NULL, &error));
  memset (&filter, 0, sizeof filter);
  filter.tags = tags;
  filter.with_annotations = TRUE;
  c = tp_comparison_new (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tp_comparison_get_n_statements (c), ==, 1);
  item = g_ptr_array_index (tp_comparison_get_cell (c, find_topic (c, "territory"),
                                                    find_side (c, "kyiv")), 0);
  g_assert_cmpuint (item->tags->len, ==, 1);
  g_assert_cmpstr (((TpTag *) g_ptr_array_index (item->tags, 0))->name, ==, "verified");
  g_assert_cmpuint (item->notes->len, ==, 1);
  g_assert_cmpstr (((TpNote *) g_ptr_array_index (item->notes, 0))->text, ==,
                   "Checked with the video");
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpComparison) c = NULL;
  TestLibrary lib;

  test_library_init (&lib);
  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);
  c = tp_comparison_new (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tp_comparison_is_empty (c));
  g_assert_cmpuint (tp_comparison_get_n_sides (c), ==, 3);
  for (guint t = 0; t < tp_comparison_get_n_topics (c); t++)
    g_assert_true (tp_comparison_topic_is_empty (c, t));

  g_clear_object (&c);
  g_clear_object (&store);
  test_library_clear (&lib);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/compare/grid", test_grid);
  ADD ("/compare/filters", test_filters);
  ADD ("/compare/review-and-tags", test_review_and_tags);
  g_test_add_func ("/compare/empty", test_empty);

#undef ADD

  return g_test_run ();
}
