/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-article"

#include "config.h"

#include "tp-article-view.h"
#include "tp-store.h"
#include "tp-ui-private.h"
#include "test-ui-util.h"

/* The Article view against a real library: the body must appear with each
 * statement highlighted in its side's tag, captions apart, a legend that
 * counts per side; clicking a highlight shows its details, edits reach the
 * store at once, and selected text becomes a hand-made statement. */

static const char body[] =
  "Kremlin spokesman Dmitry Peskov said: \"We are studying the proposal.\"\n"
  "Ukrainian President Volodymyr Zelensky said the offer \"must be real, not a pause\".\n"
  "Analysts in Brussels were cautious about the chances of a deal.";

typedef struct
{
  Library       *lib;
  gint64         article_id;
  GtkWindow     *window;
  TpArticleView *view;
  TpLibraryWorker *worker;
  guint          saved;
} Fixture;

static gboolean
document_loaded (gpointer data)
{
  Fixture *fx = data;

  return tp_article_view_get_document (fx->view) != NULL;
}

static void
on_saved_cb (TpArticleView *view,
             Fixture       *fx)
{
  fx->saved++;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(TpArticle) article = tp_article_new ();
  g_autoptr(GPtrArray) statements =
    g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;

  fx->lib = library_new ();
  article->title = g_strdup ("Kyiv and Moscow trade terms");
  article->outlet = g_strdup ("Test Wire");
  article->language = g_strdup ("en");
  article->published = g_strdup ("2025-07-11");
  tp_article_set_body (article, body);
  tp_article_add_caption (article, "A street in central Kyiv. (Photo: Test)");
  g_ptr_array_add (statements, quote (body, "We are studying the proposal.", "Dmitry Peskov", "moscow", "negotiations"));
  g_ptr_array_add (statements, quote (body, "must be real, not a pause", "Volodymyr Zelensky", "kyiv", "ceasefire"));
  ((TpStatement *) g_ptr_array_index (statements, 0))->actor_key = g_strdup ("peskov");
  ((TpStatement *) g_ptr_array_index (statements, 1))->actor_key = g_strdup ("zelensky");
  tp_store_add_article (fx->lib->store, article, statements, &fx->article_id, &error);
  g_assert_no_error (error);

  lexicon = tp_store_load_lexicon (fx->lib->store, &error);
  g_assert_no_error (error);
  _tp_side_style_install (tp_lexicon_get_sides (lexicon));

  fx->worker = tp_library_worker_new (fx->lib->path);
  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1200, 800);
  fx->view = g_object_new (TP_TYPE_ARTICLE_VIEW, NULL);
  g_signal_connect (fx->view, "statement-saved", G_CALLBACK (on_saved_cb), fx);
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->view));
  tp_article_view_set_worker (fx->view, fx->worker);
  gtk_window_present (fx->window);
  tp_article_view_load (fx->view, fx->article_id, 0);
  wait_for (document_loaded, fx);
  spin (100);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  gtk_window_destroy (fx->window);
  g_clear_object (&fx->worker);
  library_free (fx->lib);
}

static gboolean
has_tag (GtkTextView *text_view,
         int          offset,
         const char  *tag_name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter;

  if (tag == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static int
offset_of (const char *text)
{
  return (int) g_utf8_pointer_to_offset (body, strstr (body, text));
}

static void
test_highlights (Fixture       *fx,
                 gconstpointer  data)
{
  GtkTextView *text_view = tp_article_view_get_text_view (fx->view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autofree char *shown = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, body);

  g_assert_true (has_tag (text_view, offset_of ("We are studying"), "side:moscow"));
  g_assert_true (has_tag (text_view, offset_of ("proposal."), "side:moscow"));
  g_assert_false (has_tag (text_view, offset_of ("We are studying"), "side:kyiv"));
  g_assert_true (has_tag (text_view, offset_of ("must be real"), "side:kyiv"));
  /* Text outside statements is plain. */
  g_assert_false (has_tag (text_view, offset_of ("Analysts"), "side:moscow"));
  g_assert_false (has_tag (text_view, offset_of ("Analysts"), "side:kyiv"));
  g_assert_false (has_tag (text_view, offset_of ("Kremlin spokesman"), "side:moscow"));

  /* Legend and captions. */
  g_assert_true (label_exists (GTK_WIDGET (fx->view), "Moscow (1)", NULL));
  g_assert_true (label_exists (GTK_WIDGET (fx->view), "Kyiv (1)", NULL));
  g_assert_true (label_exists (GTK_WIDGET (fx->view), "Washington (0)", NULL));
  g_assert_true (label_exists (GTK_WIDGET (fx->view), "A street in central Kyiv. (Photo: Test)", "caption"));
  g_assert_true (label_exists (GTK_WIDGET (fx->view), "Kyiv and Moscow trade terms", NULL));
}

static void
click_at_offset (Fixture *fx,
                 int      offset)
{
  GtkTextView *text_view = tp_article_view_get_text_view (fx->view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter iter;
  GdkRectangle rect;
  int wx, wy;
  GList *controllers;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + 2, rect.y + rect.height / 2, &wx, &wy);
  /* Deliver the click to the view's gesture as a released press. */
  controllers = NULL;
  {
    GListModel *list = gtk_widget_observe_controllers (GTK_WIDGET (text_view));
    for (guint i = 0; i < g_list_model_get_n_items (list); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (list, i);
        if (GTK_IS_GESTURE_CLICK (controller) &&
            gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_BUBBLE &&
            g_signal_has_handler_pending (controller, g_signal_lookup ("released", GTK_TYPE_GESTURE_CLICK), 0, FALSE))
          controllers = g_list_prepend (controllers, g_object_ref (controller));
      }
    g_object_unref (list);
  }
  g_assert_nonnull (controllers);
  for (GList *l = controllers; l != NULL; l = l->next)
    g_signal_emit_by_name (l->data, "released", 1, (double) wx, (double) wy);
  g_list_free_full (controllers, g_object_unref);
}

static gboolean
saved_once (gpointer data)
{
  Fixture *fx = data;
  return fx->saved > 0;
}

static void
test_select_and_edit (Fixture       *fx,
                      gconstpointer  data)
{
  TpStatement *selected;
  AdwComboRow *side_row = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  TpStatementFilter filter = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_null (tp_article_view_get_selected_statement (fx->view));
  click_at_offset (fx, offset_of ("studying"));
  selected = tp_article_view_get_selected_statement (fx->view);
  g_assert_nonnull (selected);
  g_assert_cmpstr (selected->side, ==, "moscow");
  spin (100);
  /* The panel shows the statement and its speaker. */
  g_assert_true (label_exists (GTK_WIDGET (fx->view), "“We are studying the proposal.”", NULL));
  g_assert_true (has_tag (tp_article_view_get_text_view (fx->view), offset_of ("studying"), "selected"));

  /* Clicking plain text clears the selection. */
  click_at_offset (fx, offset_of ("Analysts"));
  g_assert_null (tp_article_view_get_selected_statement (fx->view));

  /* File the Peskov statement under Washington through the Side row. */
  click_at_offset (fx, offset_of ("studying"));
  for (guint i = 0; ; i++)
    {
      GtkWidget *row = find_widget_of_type (GTK_WIDGET (fx->view), ADW_TYPE_COMBO_ROW, i);
      g_assert_nonnull (row);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Side") == 0)
        {
          side_row = ADW_COMBO_ROW (row);
          break;
        }
    }
  {
    GListModel *sides = adw_combo_row_get_model (side_row);
    for (guint i = 0; i < g_list_model_get_n_items (sides); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (sides), i), "Washington") == 0)
        adw_combo_row_set_selected (side_row, i);
  }
  wait_for (saved_once, fx);
  g_assert_true (has_tag (tp_article_view_get_text_view (fx->view), offset_of ("proposal."), "side:washington"));

  /* Saved at once: the store has it, marked as edited by a journalist. */
  filter.article_id = fx->article_id;
  filter.side = "washington";
  stored = tp_store_list_statements (fx->lib->store, &filter, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (((TpStatement *) g_ptr_array_index (stored, 0))->text, ==, "We are studying the proposal.");
  g_assert_cmpint (((TpStatement *) g_ptr_array_index (stored, 0))->review, ==, TP_REVIEW_EDITED);
}

static gboolean
saved_and_reloaded (gpointer data)
{
  Fixture *fx = data;
  TpStatement *selected = tp_article_view_get_selected_statement (fx->view);

  return fx->saved > 0 && selected != NULL && selected->manual;
}

static void
test_add_statement (Fixture       *fx,
                    gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (tp_article_view_get_text_view (fx->view));
  GtkTextIter start, end;
  const char *missed = "Analysts in Brussels were cautious";
  g_autoptr(GPtrArray) stored = NULL;
  TpStatementFilter filter = { 0 };
  TpStatement *added = NULL;

  /* Nothing selected: the action is off. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fx->view), "article.add-statement", NULL) &&
                  fx->saved > 0);

  gtk_text_buffer_get_iter_at_offset (buffer, &start, offset_of (missed));
  gtk_text_buffer_get_iter_at_offset (buffer, &end, offset_of (missed) + g_utf8_strlen (missed, -1));
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "article.add-statement", NULL));
  wait_for (saved_and_reloaded, fx);
  g_assert_cmpstr (tp_article_view_get_selected_statement (fx->view)->text, ==, missed);

  filter.article_id = fx->article_id;
  stored = tp_store_list_statements (fx->lib->store, &filter, 0, 0, NULL);
  g_assert_cmpuint (stored->len, ==, 3);
  for (guint i = 0; i < stored->len; i++)
    if (((TpStatement *) g_ptr_array_index (stored, i))->manual)
      added = g_ptr_array_index (stored, i);
  g_assert_nonnull (added);
  g_assert_cmpstr (added->text, ==, missed);
  g_assert_cmpint (added->start, ==, offset_of (missed));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/article/highlights", Fixture, NULL, fixture_set_up, test_highlights, fixture_tear_down);
  g_test_add ("/ui/article/select-and-edit", Fixture, NULL, fixture_set_up, test_select_and_edit, fixture_tear_down);
  g_test_add ("/ui/article/add-statement", Fixture, NULL, fixture_set_up, test_add_statement, fixture_tear_down);
  return g_test_run ();
}
