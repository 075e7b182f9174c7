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

/* A sample written for Triptych: the speaker last quoted is a woman
 * outside the registry, and "he" names the man quoted before her. */
static const char article_gender[] =
  "KYIV (Test) - Officials of both sides spoke on Tuesday about the exchange of prisoners.\n"
  "Russian Foreign Minister Sergei Lavrov said Moscow had sent a new list of prisoners.\n"
  "Regional governor Olena Hrytsenko said Kyiv was studying the list.\n"
  "\"We expect an answer within a week,\" he added.";

static gboolean
registry_lists_hrytsenko (gpointer data)
{
  return label_exists (data, "Olena Hrytsenko", NULL);
}

/* The row of @type titled @title in @window. */
static GtkWidget *
find_row (GtkWidget  *window,
          GType       type,
          const char *title)
{
  GtkWidget *row;

  for (guint i = 0; (row = find_widget_of_type (window, type, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return row;
  return NULL;
}

static void
select_item (AdwComboRow *row,
             const char  *item)
{
  GListModel *items = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (items), i), item) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_assert_not_reached ();
}

static const TpStatement *
find_quote (GPtrArray  *statements,
            const char *text)
{
  for (guint i = 0; i < statements->len; i++)
    {
      const TpStatement *st = g_ptr_array_index (statements, i);

      if (strstr (st->text, text) != NULL)
        return st;
    }
  return NULL;
}

/* An actor added as a woman: "he" no longer names her once Preferences
 * close, and the library's lexicon keeps her gender. */
static void
test_actor_gender_reattributes (void)
{
  Library *lib = library_new ();
  State state = { 0 };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(TpLexicon) lexicon = NULL;
  g_autoptr(GError) error = NULL;
  const TpStatement *st;
  GtkWidget *prefs;
  GtkWidget *gender_row;
  GtkWidget *name_row;
  GtkWidget *add_button = NULL;

  state.window = tp_window_new (NULL, lib->path);
  g_signal_connect (state.window, "import-finished", G_CALLBACK (on_import_finished_cb), &state);
  gtk_window_present (GTK_WINDOW (state.window));
  tp_window_import_text (state.window, article_gender);
  wait_for (not_importing, state.window);
  g_assert_cmpuint (state.imports, ==, 1);

  /* Unknown to the registry, she may be "he". */
  before = tp_store_list_statements (lib->store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  st = find_quote (before, "We expect an answer");
  g_assert_nonnull (st);
  g_assert_cmpstr (st->speaker, ==, "Olena Hrytsenko");

  prefs = GTK_WIDGET (tp_preferences_window_new (GTK_WINDOW (state.window),
                                                 tp_window_get_worker (state.window)));
  g_signal_connect_object (prefs, "lexicon-changed", G_CALLBACK (tp_window_reattribute),
                           state.window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (prefs));
  spin (300);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "actors");
  spin (300);

  name_row = find_row (prefs, ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Olena Hrytsenko");
  select_item (ADW_COMBO_ROW (find_row (prefs, ADW_TYPE_COMBO_ROW, "Side")), "Kyiv");
  gender_row = find_row (prefs, ADW_TYPE_COMBO_ROW, "Gender");
  g_assert_nonnull (gender_row);
  /* Unknown unless the journalist says otherwise. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (gender_row)), ==, 0);
  select_item (ADW_COMBO_ROW (gender_row), "Female");
  for (guint i = 0; (add_button = find_widget_of_type (prefs, GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (add_button)), "_Add Actor") == 0)
      break;
  g_assert_nonnull (add_button);
  g_signal_emit_by_name (add_button, "clicked");
  wait_for (registry_lists_hrytsenko, prefs);
  /* The form is ready for the next actor. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (gender_row)), ==, 0);

  lexicon = tp_store_load_lexicon (lib->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tp_lexicon_lookup_actor (lexicon, "olena-hrytsenko"));
  g_assert_cmpint (tp_lexicon_lookup_actor (lexicon, "olena-hrytsenko")->gender, ==,
                   TP_GENDER_FEMALE);

  gtk_window_close (GTK_WINDOW (prefs));
  wait_for (not_importing, state.window);

  after = tp_store_list_statements (lib->store, NULL, 0, 0, &error);
  g_assert_no_error (error);
  st = find_quote (after, "Kyiv was studying the list");
  g_assert_nonnull (st);
  g_assert_cmpstr (st->actor, ==, "Olena Hrytsenko");
  g_assert_cmpstr (st->side, ==, "kyiv");
  st = find_quote (after, "We expect an answer");
  g_assert_nonnull (st);
  g_assert_cmpstr (st->actor, ==, "Sergei Lavrov");
  g_assert_cmpstr (st->side, ==, "moscow");

  gtk_window_destroy (GTK_WINDOW (state.window));
  spin (100);
  library_free (lib);
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
  g_test_add_func ("/ui/preferences/actor-gender-reattributes", test_actor_gender_reattributes);
  return g_test_run ();
}
