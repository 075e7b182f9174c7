/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-preferences"

#include "config.h"

#include "tp-preferences-window.h"
#include "tp-window.h"
#include "test-ui-util.h"

/* Preferences against a real library: adding an actor in the registry and
 * closing the window files the stored statements of that speaker under the
 * actor's side, and leaves a statement the journalist confirmed alone. */

static const char article_a[] =
  "KHARKIV (Test) - Officials spoke on Monday about the schools.\n"
  "Regional governor Ivan Petrenkov said: \"The city will rebuild every school by winter.\"";
static const char article_b[] =
  "KHARKIV (Test) - A second report from the city.\n"
  "Regional governor Ivan Petrenkov said: \"Power will be back in all districts next week.\"";

typedef struct
{
  TpWindow *window;
  guint     imports;
} State;

static void
on_import_finished_cb (TpWindow       *window,
                       TpImportReport *report,
                       State          *state)
{
  g_assert_cmpuint (report->imported, ==, 1);
  state->imports++;
}

static gboolean
imports_done (gpointer data)
{
  return ((State *) data)->imports == 2;
}

static gboolean
not_importing (gpointer data)
{
  return !tp_window_get_importing (data);
}

static gboolean
registry_lists (gpointer data)
{
  return label_exists (data, "Ivan Petrenkov", NULL);
}

static GPtrArray *
petrenkov_statements (Library *lib)
{
  TpStatementFilter filter = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *found;

  filter.query = "petrenkov";
  found = tp_store_list_statements (lib->store, &filter, 0, 0, &error);
  g_assert_no_error (error);
  return found;
}

static void
test_add_actor_reattributes (void)
{
  Library *lib = library_new ();
  State state = { 0 };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  TpStatement *confirmed = NULL;
  GtkWidget *prefs;
  AdwComboRow *side_row = NULL;
  GtkWidget *name_row = NULL;
  GtkWidget *add_button = NULL;

  state.window = tp_window_new (NULL, lib->path);
  g_signal_connect (state.window, "import-finished", G_CALLBACK (on_import_finished_cb), &state);
  gtk_window_present (GTK_WINDOW (state.window));
  tp_window_import_text (state.window, article_a);
  wait_for (not_importing, state.window);
  tp_window_import_text (state.window, article_b);
  wait_for (imports_done, &state);

  /* The extractor finds the speaker but knows no side for him. */
  before = petrenkov_statements (lib);
  g_assert_cmpuint (before->len, ==, 2);
  for (guint i = 0; i < before->len; i++)
    {
      TpStatement *st = g_ptr_array_index (before, i);
      g_assert_null (st->side);
      if (strstr (st->text, "Power will be back") != NULL)
        confirmed = st;
    }
  g_assert_nonnull (confirmed);
  /* A journalist confirms one statement as it is. */
  g_assert_true (tp_store_set_statement_review (lib->store, confirmed->id, TP_REVIEW_CONFIRMED, NULL));

  prefs = GTK_WIDGET (tp_preferences_window_new (GTK_WINDOW (state.window),
                                                 tp_window_get_worker (state.window)));
  g_signal_connect_object (prefs, "lexicon-changed", G_CALLBACK (tp_window_reattribute),
                           state.window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prefs));
  spin (300);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "actors");
  spin (300);

  for (guint i = 0; (name_row = find_widget_of_type (prefs, ADW_TYPE_ENTRY_ROW, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (name_row)), "Name") == 0)
      break;
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Ivan Petrenkov");
  for (guint i = 0; ; i++)
    {
      GtkWidget *row = find_widget_of_type (prefs, ADW_TYPE_COMBO_ROW, i);
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
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (sides), i), "Kyiv") == 0)
        adw_combo_row_set_selected (side_row, i);
  }
  for (guint i = 0; (add_button = find_widget_of_type (prefs, GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (add_button)), "_Add Actor") == 0)
      break;
  g_assert_nonnull (add_button);
  g_signal_emit_by_name (add_button, "clicked");
  wait_for (registry_lists, prefs);
  g_assert_true (tp_preferences_window_get_changed (TP_PREFERENCES_WINDOW (prefs)));

  /* Closing Preferences files the statements again. */
  gtk_window_close (GTK_WINDOW (prefs));
  g_assert_true (tp_window_get_importing (state.window));
  wait_for (not_importing, state.window);

  after = petrenkov_statements (lib);
  g_assert_cmpuint (after->len, ==, 2);
  for (guint i = 0; i < after->len; i++)
    {
      TpStatement *st = g_ptr_array_index (after, i);

      if (strstr (st->text, "Power will be back") != NULL)
        {
          /* Confirmed: untouched. */
          g_assert_cmpint (st->review, ==, TP_REVIEW_CONFIRMED);
          g_assert_null (st->side);
        }
      else
        {
          g_assert_cmpstr (st->side, ==, "kyiv");
          g_assert_cmpstr (st->actor, ==, "Ivan Petrenkov");
        }
    }

  gtk_window_destroy (GTK_WINDOW (state.window));
  spin (100);
  library_free (lib);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/preferences/add-actor-reattributes", test_add_actor_reattributes);
  return g_test_run ();
}
