/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-annotations"

#include "config.h"

#include "tp-annotation-panel.h"
#include "tp-statement-row.h"
#include "tp-ui-private.h"
#include "tp-window.h"
#include <math.h>

#include "test-ui-util.h"

/* Tags, notes and review from the views: a tag added in the Article view's
 * statement panel appears in the Compare view's tag filter and filters the
 * comparison to the tagged statement; a review status set from the Compare
 * view's panel is saved and filters too. */

static const char body[] =
  "Dmitry Peskov said: \"Moscow is open to talks in Istanbul.\"\n"
  "Marco Rubio said: \"Negotiations must start this month.\"";

#define TAG "ceasefire watch"

typedef struct
{
  Library   *lib;
  TpWindow  *window;
  gint64     article;
  gint64     peskov;
  gint64     rubio;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "compare-tag");
  g_settings_set_string (settings, "compare-review", "");
  fx->lib = library_new ();
  fx->article = add_article (fx->lib, "Talks in Istanbul", "Outlet A", "en", "2025-07-01", body,
                             quote (body, "Moscow is open to talks in Istanbul.", "Dmitry Peskov",
                                    "moscow", "negotiations"),
                             quote (body, "Negotiations must start this month.", "Marco Rubio",
                                    "washington", "negotiations"),
                             NULL);
  {
    TpStatementFilter filter = { 0 };

    statements = tp_store_list_statements (fx->lib->store, &filter, 0, 10, NULL);
  }
  g_assert_nonnull (statements);
  g_assert_cmpuint (statements->len, ==, 2);
  for (guint i = 0; i < statements->len; i++)
    {
      TpStatement *st = g_ptr_array_index (statements, i);

      if (g_str_has_prefix (st->text, "Moscow"))
        fx->peskov = st->id;
      else
        fx->rubio = st->id;
    }
  fx->window = tp_window_new (NULL, fx->lib->path);
  gtk_window_present (GTK_WINDOW (fx->window));
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  spin (50);
  library_free (fx->lib);
}

static gboolean
panel_shows (gpointer data)
{
  gpointer *pair = data;
  TpAnnotationPanel *panel = pair[0];

  return tp_annotation_panel_get_statement (panel) == *(gint64 *) pair[1] &&
         !tp_annotation_panel_is_busy (panel) &&
         gtk_widget_get_sensitive (GTK_WIDGET (panel));
}

static gboolean
panel_idle (gpointer data)
{
  return !tp_annotation_panel_is_busy (data);
}

/* The statements the Compare view shows, by text. */
static GPtrArray *
shown_statements (TpCompareView *view)
{
  TpComparisonGrid *grid = tp_compare_view_get_grid (view);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; grid != NULL && t < grid->topics->len; t++)
    for (guint s = 0; s < grid->sides->len; s++)
      {
        GListModel *cell = G_LIST_MODEL (tp_comparison_grid_get_cell (grid, t, s));

        for (guint i = 0; i < g_list_model_get_n_items (cell); i++)
          {
            g_autoptr(TpStatementRow) row = g_list_model_get_item (cell, i);

            g_ptr_array_add (texts, g_strdup (tp_statement_row_get_statement (row)->text));
          }
      }
  return texts;
}

static gboolean
compare_shows_only_peskov (gpointer data)
{
  g_autoptr(GPtrArray) texts = shown_statements (data);

  return texts->len == 1 && g_str_has_prefix (g_ptr_array_index (texts, 0), "Moscow");
}

static gboolean
compare_shows_both (gpointer data)
{
  g_autoptr(GPtrArray) texts = shown_statements (data);

  return texts->len == 2;
}

static gboolean
tag_filter_offers_tag (gpointer data)
{
  GtkWidget *view = data;
  /* Outlet, language, tag, review: the third dropdown of the filter bar. */
  GtkDropDown *tags = GTK_DROP_DOWN (find_widget_of_type (view, GTK_TYPE_DROP_DOWN, 2));
  GListModel *model = gtk_drop_down_get_model (tags);
  guint selected = gtk_drop_down_get_selected (tags);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_list_model_get_n_items (model))
    return FALSE;
  return g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), selected), TAG) == 0;
}

static void
test_tag_in_article_filters_compare (Fixture       *fx,
                                     gconstpointer  data)
{
  TpArticleView *article_view = tp_window_get_article_view (fx->window);
  TpCompareView *compare_view = tp_window_get_compare_view (fx->window);
  TpAnnotationPanel *panel = tp_article_view_get_annotation_panel (article_view);
  gpointer pair[2] = { panel, &fx->peskov };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GPtrArray) tagged = NULL;
  GtkWidget *entry;

  tp_window_show_view (fx->window, "compare");
  wait_for (compare_shows_both, compare_view);

  /* Tag Peskov's statement in its article. */
  tp_window_open_article (fx->window, fx->article, fx->peskov);
  wait_for (panel_shows, pair);
  entry = find_widget_of_type (GTK_WIDGET (panel), GTK_TYPE_ENTRY, 0);
  g_assert_nonnull (entry);
  wait_for ((gboolean (*) (gpointer)) gtk_widget_get_mapped, entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), TAG);
  g_signal_emit_by_name (entry, "activate");
  wait_for (panel_idle, panel);
  g_assert_true (label_exists (GTK_WIDGET (panel), TAG, NULL));

  {
    TpStatementFilter filter = { .tag = TAG };

    tagged = tp_store_list_statements (fx->lib->store, &filter, 0, 10, NULL);
    g_assert_nonnull (tagged);
    g_assert_cmpuint (tagged->len, ==, 1);
    g_assert_cmpint (((TpStatement *) g_ptr_array_index (tagged, 0))->id, ==, fx->peskov);
  }

  /* Back to the comparison, filtered by the new tag. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.back", NULL);
  tp_window_show_view (fx->window, "compare");
  g_settings_set_string (settings, "compare-tag", TAG);
  tp_compare_view_reload (compare_view);
  wait_for (tag_filter_offers_tag, compare_view);
  wait_for (compare_shows_only_peskov, compare_view);

  /* The tag was the only thing that filtered. */
  g_settings_reset (settings, "compare-tag");
  tp_compare_view_reload (compare_view);
  wait_for (compare_shows_both, compare_view);
}

static gboolean
review_is_confirmed (gpointer data)
{
  Fixture *fx = data;
  g_autoptr(TpStatement) st = tp_store_get_statement (fx->lib->store, fx->rubio, NULL);

  return st != NULL && st->review == TP_REVIEW_CONFIRMED;
}

static gboolean
compare_shows_only_rubio (gpointer data)
{
  g_autoptr(GPtrArray) texts = shown_statements (data);

  return texts->len == 1 && g_str_has_prefix (g_ptr_array_index (texts, 0), "Negotiations");
}

static void
test_review_in_compare (Fixture       *fx,
                        gconstpointer  data)
{
  TpCompareView *compare_view = tp_window_get_compare_view (fx->window);
  TpAnnotationPanel *panel = tp_compare_view_get_annotation_panel (compare_view);
  gpointer pair[2] = { panel, &fx->rubio };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *button = NULL;
  GtkDropDown *review;

  tp_window_show_view (fx->window, "compare");
  wait_for (compare_shows_both, compare_view);

  /* The annotate button of Rubio's row opens the panel beside the grid. */
  for (guint i = 0; (button = find_widget_of_type (GTK_WIDGET (compare_view), GTK_TYPE_BUTTON, i)) != NULL; i++)
    {
      TpStatementRow *row = g_object_get_data (G_OBJECT (button), "tp-statement-row");

      if (row != NULL && tp_statement_row_get_statement (row)->id == fx->rubio)
        break;
    }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_for (panel_shows, pair);
  spin (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));

  review = GTK_DROP_DOWN (find_widget_of_type (GTK_WIDGET (panel), GTK_TYPE_DROP_DOWN, 0));
  gtk_drop_down_set_selected (review, TP_REVIEW_CONFIRMED);
  wait_for (review_is_confirmed, fx);

  g_settings_set_string (settings, "compare-review", "confirmed");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget_of_type (GTK_WIDGET (compare_view),
                                                                  GTK_TYPE_DROP_DOWN, 3)), 3);
  wait_for (compare_shows_only_rubio, compare_view);
  g_settings_set_string (settings, "compare-review", "");
}

/* libadwaita 1.2's AdwFlap divides its reveal animation's velocity by the
 * flap's allocated width, so a reveal changed while the flap is mapped but
 * not yet allocated starts a NaN animation, and a frame in its first
 * millisecond allocates the flap's children INT_MIN wide. Whether that frame
 * comes is a matter of timing; the change that makes it possible is not, and
 * that is what these watchers catch, along with any NaN progress. */
typedef struct
{
  guint changes;
  guint before_layout;
  guint nan_progress;
} FlapWatch;

static void
on_flap_reveal_notify_cb (AdwFlap   *flap,
                          GParamSpec *pspec,
                          FlapWatch  *watch)
{
  watch->changes++;
  if (gtk_widget_get_mapped (GTK_WIDGET (flap)) && gtk_widget_get_width (GTK_WIDGET (flap)) == 0)
    watch->before_layout++;
}

static void
on_flap_progress_notify_cb (AdwFlap    *flap,
                            GParamSpec *pspec,
                            FlapWatch  *watch)
{
  if (isnan (adw_flap_get_reveal_progress (flap)))
    watch->nan_progress++;
}

static void
watch_flap (AdwFlap   *flap,
            FlapWatch *watch)
{
  g_assert_nonnull (flap);
  g_signal_connect (flap, "notify::reveal-flap", G_CALLBACK (on_flap_reveal_notify_cb), watch);
  g_signal_connect (flap, "notify::reveal-progress", G_CALLBACK (on_flap_progress_notify_cb), watch);
}

static void
unwatch_flap (AdwFlap   *flap,
              FlapWatch *watch)
{
  g_signal_handlers_disconnect_by_data (flap, watch);
}

/* Opening the Article view while its statement panel slides open, again
 * and again, at every moment of the two transitions: GTK must never be
 * asked to allocate a negative width (fatal under G_DEBUG=fatal-warnings). */
static void
test_panel_slides_open (Fixture       *fx,
                        gconstpointer  data)
{
  FlapWatch watch = { 0 };
  AdwFlap *article_flap;
  AdwFlap *compare_flap;

  article_flap = ADW_FLAP (find_widget_of_type (GTK_WIDGET (tp_window_get_article_view (fx->window)),
                                                ADW_TYPE_FLAP, 0));
  compare_flap = ADW_FLAP (find_widget_of_type (GTK_WIDGET (tp_window_get_compare_view (fx->window)),
                                                ADW_TYPE_FLAP, 0));
  watch_flap (article_flap, &watch);
  watch_flap (compare_flap, &watch);

  gtk_window_set_default_size (GTK_WINDOW (fx->window), 900, 700);
  tp_window_show_view (fx->window, "compare");
  spin (300);
  for (guint i = 0; i < 24; i++)
    {
      tp_window_open_article (fx->window, fx->article, i % 2 ? fx->peskov : fx->rubio);
      spin (10 + 17 * (i % 5));
      if (i % 3 == 0)
        gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.back", NULL);
      if (i % 4 == 1)
        gtk_window_set_default_size (GTK_WINDOW (fx->window), 360 + 90 * (i % 7), 600);
      spin (5 + 11 * (i % 4));
    }
  spin (500);

  unwatch_flap (article_flap, &watch);
  unwatch_flap (compare_flap, &watch);
  g_assert_cmpuint (watch.changes, >, 0);
  g_assert_cmpuint (watch.before_layout, ==, 0);
  g_assert_cmpuint (watch.nan_progress, ==, 0);
}

static gboolean
flap_revealed (gpointer data)
{
  return adw_flap_get_reveal_progress (data) >= 1.0;
}

/* The moment the stress test above can only hit by chance, made certain: a
 * flap revealed in the same main-loop turn as its page becomes visible, that
 * is mapped and not yet allocated. The reveal must wait for the layout, then
 * happen. */
static void
test_panel_reveal_before_layout (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *flap = adw_flap_new ();
  GtkWidget *panel = gtk_label_new ("panel");
  FlapWatch watch = { 0 };

  gtk_widget_set_size_request (panel, 340, -1);
  adw_flap_set_flap_position (ADW_FLAP (flap), GTK_PACK_END);
  adw_flap_set_content (ADW_FLAP (flap), gtk_label_new ("content"));
  adw_flap_set_separator (ADW_FLAP (flap), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_flap_set_flap (ADW_FLAP (flap), panel);
  _tp_flap_set_reveal (ADW_FLAP (flap), FALSE);
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("first"), "first");
  gtk_stack_add_named (GTK_STACK (stack), flap, "flap");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  spin (200);

  watch_flap (ADW_FLAP (flap), &watch);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "flap");
  g_assert_true (gtk_widget_get_mapped (flap));
  g_assert_cmpint (gtk_widget_get_width (flap), ==, 0);
  _tp_flap_set_reveal (ADW_FLAP (flap), TRUE);
  wait_for (flap_revealed, flap);
  g_assert_cmpuint (watch.changes, ==, 1);
  g_assert_cmpuint (watch.before_layout, ==, 0);
  g_assert_cmpuint (watch.nan_progress, ==, 0);

  /* Hidden and shown again: allocated before, so the change is immediate. */
  _tp_flap_set_reveal (ADW_FLAP (flap), FALSE);
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  unwatch_flap (ADW_FLAP (flap), &watch);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/annotations/tag-in-article-filters-compare", Fixture, NULL, fixture_set_up,
              test_tag_in_article_filters_compare, fixture_tear_down);
  g_test_add ("/ui/annotations/review-in-compare", Fixture, NULL, fixture_set_up,
              test_review_in_compare, fixture_tear_down);
  g_test_add ("/ui/annotations/panel-slides-open", Fixture, NULL, fixture_set_up,
              test_panel_slides_open, fixture_tear_down);
  g_test_add_func ("/ui/annotations/panel-reveal-before-layout", test_panel_reveal_before_layout);
  return g_test_run ();
}
