/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-compare"

#include "config.h"

#include "tp-comparison.h"
#include "tp-store-private.h"
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

/* A random library, edited after the import (reviews, sides, topics,
 * dates, deletions, tags): each capped comparison must equal the
 * uncapped one (a window over every statement, which reads none of the
 * copies the capped query uses) cut to the cap. */
static const char * const random_topics[] = {
  "negotiations", "ceasefire", "territory", "sanctions", "energy",
};
static const char * const random_sides[] = { "moscow", "washington", "kyiv", NULL };
static const char * const random_outlets[] = { "Sample Wire", "VTC News (sample)", "Dân trí (sample)" };

static void
assert_same_comparison (TpStore                  *store,
                        const TpComparisonFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpComparison) capped = NULL;
  g_autoptr(TpComparison) all = NULL;
  TpComparisonFilter uncapped = *filter;

  uncapped.max_per_cell = 0;
  capped = tp_comparison_new (store, filter, &error);
  g_assert_no_error (error);
  all = tp_comparison_new (store, &uncapped, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (tp_comparison_get_n_topics (capped), ==, tp_comparison_get_n_topics (all));
  g_assert_cmpuint (tp_comparison_get_n_sides (capped), ==, tp_comparison_get_n_sides (all));
  for (guint t = 0; t < tp_comparison_get_n_topics (all); t++)
    for (guint s = 0; s < tp_comparison_get_n_sides (all); s++)
      {
        GPtrArray *a = tp_comparison_get_cell (capped, t, s);
        GPtrArray *b = tp_comparison_get_cell (all, t, s);

        g_assert_cmpuint (tp_comparison_get_cell_total (capped, t, s), ==,
                          tp_comparison_get_cell_total (all, t, s));
        g_assert_cmpuint (tp_comparison_get_cell_total (all, t, s), ==, b->len);
        g_assert_cmpuint (a->len, ==, MIN (b->len, filter->max_per_cell));
        for (guint i = 0; i < a->len; i++)
          {
            TpComparisonItem *x = g_ptr_array_index (a, i);
            TpComparisonItem *y = g_ptr_array_index (b, i);

            g_assert_cmpint (x->statement->id, ==, y->statement->id);
            g_assert_cmpstr (x->statement->side, ==, y->statement->side);
            g_assert_cmpint (x->article->id, ==, y->article->id);
            g_assert_cmpstr (x->date, ==, y->date);
          }
      }
}

static void
test_random_reference (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TpStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20220224);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) article_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  static const char * const tag_names[] = { "checked", NULL };
  static const char * const two_outlets[] = { "Sample Wire", "Dân trí (sample)", NULL };
  static const char * const english[] = { "en", NULL };
  static const char * const kyiv[] = { "kyiv", NULL };
  static const char * const two_topics[] = { "territory", "energy", NULL };
  gint64 tag;
  TestLibrary lib;

  test_library_init (&lib);
  store = tp_store_open (lib.path, &error);
  g_assert_no_error (error);

  g_assert_true (tp_store_begin_batch (store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://example.org/random/%u", i);
      g_autofree char *date = g_strdup_printf ("%u-%02u-%02u", 2024 + g_rand_int_range (rand, 0, 2),
                                               g_rand_int_range (rand, 1, 13),
                                               g_rand_int_range (rand, 1, 29));
      g_autofree char *body = g_strdup_printf ("Article %u: one said this, another said that, "
                                               "a third said something else.", i);
      g_autoptr(TpArticle) article = make_article ("Random", url,
                                                   random_outlets[g_rand_int_range (rand, 0, 3)],
                                                   g_rand_boolean (rand) ? "en" : "vi", date, body);
      g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
      const char *needles[] = { "one said this", "another said that", "a third said something" };
      guint n = (guint) g_rand_int_range (rand, 0, 4);

      for (guint k = 0; k < n; k++)
        {
          TpStatement *st = make_statement (body, needles[k], "Speaker", NULL,
                                            random_sides[g_rand_int_range (rand, 0, 4)], NULL);
          guint n_topics = (guint) g_rand_int_range (rand, 0, 4);

          for (guint t = 0; t < n_topics; t++)
            {
              const char *topic = random_topics[g_rand_int_range (rand, 0, 5)];

              if (!tp_statement_has_topic (st, topic))
                tp_statement_add_topic (st, topic);
            }
          if (g_rand_int_range (rand, 0, 4) == 0)
            st->said_on = g_strdup_printf ("2024-%02u-15", g_rand_int_range (rand, 1, 13));
          g_ptr_array_add (statements, st);
        }
      g_assert_true (tp_store_add_article (store, article, statements, NULL, &error));
      g_assert_no_error (error);
      g_array_append_val (article_ids, article->id);
      for (guint k = 0; k < statements->len; k++)
        g_array_append_val (ids, ((TpStatement *) g_ptr_array_index (statements, k))->id);
    }
  g_assert_true (tp_store_commit_batch (store, &error));
  g_assert_no_error (error);

  /* Edits after the import. */
  tag = tp_store_ensure_tag (store, "checked", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      switch (g_rand_int_range (rand, 0, 10))
        {
        case 0:
          g_assert_true (tp_store_set_statement_review (store, id, TP_REVIEW_REJECTED, &error));
          break;
        case 1:
          g_assert_true (tp_store_set_statement_review (store, id, TP_REVIEW_CONFIRMED, &error));
          break;
        case 2:
          {
            g_autoptr(TpStatement) st = tp_store_get_statement (store, id, &error);

            g_assert_no_error (error);
            g_free (st->side);
            st->side = g_strdup (random_sides[g_rand_int_range (rand, 0, 4)]);
            g_clear_pointer (&st->said_on, g_free);
            st->said_on = g_strdup_printf ("2025-%02u-01", g_rand_int_range (rand, 1, 13));
            if (!tp_statement_has_topic (st, "ceasefire"))
              tp_statement_add_topic (st, "ceasefire");
            g_assert_true (tp_store_update_statement (store, st, &error));
            break;
          }
        case 3:
          g_assert_true (tp_store_tag_statement (store, id, tag, &error));
          break;
        default:
          break;
        }
      g_assert_no_error (error);
    }
  for (guint i = 0; i < article_ids->len; i += 17)
    {
      g_assert_true (tp_store_delete_article (store, g_array_index (article_ids, gint64, i),
                                              &error));
      g_assert_no_error (error);
    }
  g_assert_true (_tp_store_check_integrity (store, &error));
  g_assert_no_error (error);

  {
    TpComparisonFilter filters[10];

    memset (filters, 0, sizeof filters);
    filters[1].review_mask = TP_REVIEW_MASK (TP_REVIEW_AUTO) | TP_REVIEW_MASK (TP_REVIEW_REJECTED);
    filters[2].date_from = "2024-03-01";
    filters[2].date_until = "2024-10-31";
    filters[3].date_from = "2025-01-01";
    filters[4].outlets = two_outlets;
    filters[5].languages = english;
    filters[6].tags = tag_names;
    filters[7].sides = kyiv;
    filters[7].topics = two_topics;
    filters[8].date_until = "2024-06-30";
    filters[8].review_mask = TP_REVIEW_MASK (TP_REVIEW_CONFIRMED);
    filters[9].outlets = two_outlets;
    filters[9].date_from = "2024-06-01";
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      for (guint cap = 1; cap <= 7; cap += 3)
        {
          filters[f].max_per_cell = cap;
          assert_same_comparison (store, &filters[f]);
        }
  }

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
  g_test_add_func ("/compare/random-reference", test_random_reference);

#undef ADD

  return g_test_run ();
}
