/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-annotation-panel"

#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>

#include "test-report-util.h"
#include "tp-annotation-panel.h"
#include "tp-report-print.h"

/* The annotation panel edits a real library through its worker thread:
 * every edit made in the widgets must land in the store, and the widgets
 * must show what the store holds. Runs under a display (Xvfb in CI). */

static const char body[] =
  "Người phát ngôn Dmitry Peskov nói: “Chúng tôi muốn hòa bình”.\nHết.";

typedef struct
{
  ReportLibrary      lib;
  gint64             statement_id;
  TpAnnotationPanel *panel;
  GtkWidget         *window;
  guint              n_changed;
} Fixture;

/* The panel's template lives in the application's resources; compile it
 * here from the source tree so the test needs nothing else. */
static void
register_template (void)
{
  static gboolean done;
  g_autofree char *ui = g_test_build_filename (G_TEST_DIST, "..", "src", "ui",
                                               "tp-annotation-panel.ui", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *target = NULL;
  g_autofree char *sourcedir = NULL;
  g_autofree char *uidir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GResource) resource = NULL;
  const char *argv[] = { "glib-compile-resources", NULL, NULL, NULL, NULL };
  int status;

  if (done)
    return;
  dir = g_dir_make_tmp ("tp-panel-XXXXXX", &error);
  g_assert_no_error (error);
  xml = g_build_filename (dir, "panel.gresource.xml", NULL);
  target = g_strconcat ("--target=", dir, "/panel.gresource", NULL);
  uidir = g_path_get_dirname (ui);
  sourcedir = g_strconcat ("--sourcedir=", uidir, NULL);
  g_assert_true (g_file_set_contents (xml,
                                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gresources>"
                                      "<gresource prefix=\"/io/github/triptych/Triptych\">"
                                      "<file>tp-annotation-panel.ui</file></gresource></gresources>",
                                      -1, &error));
  argv[1] = target;
  argv[2] = sourcedir;
  argv[3] = xml;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_free (xml);
  xml = g_build_filename (dir, "panel.gresource", NULL);
  resource = g_resource_load (xml, &error);
  g_assert_no_error (error);
  g_resources_register (resource);
  report_remove_tree (dir);
  done = TRUE;
}

static void
on_panel_changed_cb (TpAnnotationPanel *panel,
                     gint64             statement_id,
                     Fixture           *f)
{
  g_assert_cmpint (statement_id, ==, f->statement_id);
  f->n_changed++;
}

static void
wait_idle (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (tp_annotation_panel_is_busy (f->panel) || g_main_context_pending (NULL))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TpArticle) article = NULL;
  g_autoptr(GPtrArray) st = g_ptr_array_new_with_free_func ((GDestroyNotify) tp_statement_unref);

  register_template ();
  report_library_init (&f->lib);
  article = report_article ("Peskov", "VTC News", "https://vtc.vn/a.html", NULL, "vi", "2025-07-04",
                            body);
  g_ptr_array_add (st, report_statement (body, "Chúng tôi muốn hòa bình", TP_STATEMENT_DIRECT,
                                         "Dmitry Peskov", "peskov", "Dmitry Peskov", "moscow",
                                         "negotiations", "2025-07-04"));
  report_add_article (f->lib.store, article, st);
  f->statement_id = ((TpStatement *) g_ptr_array_index (st, 0))->id;

  f->window = gtk_window_new ();
  f->panel = TP_ANNOTATION_PANEL (tp_annotation_panel_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->panel));
  g_signal_connect (f->panel, "changed", G_CALLBACK (on_panel_changed_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  tp_annotation_panel_set_library (f->panel, f->lib.db_path);
  tp_annotation_panel_set_statement (f->panel, f->statement_id);
  wait_idle (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  report_library_clear (&f->lib);
}

static GtkWidget *
find_child (GtkWidget *root,
            GType      type,
            guint      nth)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, 0);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && nth-- == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return NULL;
}

/* Tests */

static void
test_panel_edits_reach_the_store (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (f->panel);
  GtkDropDown *review = GTK_DROP_DOWN (find_child (panel, GTK_TYPE_DROP_DOWN, 0));
  GtkToggleButton *star = GTK_TOGGLE_BUTTON (find_child (panel, GTK_TYPE_TOGGLE_BUTTON, 0));
  GtkEntry *entry = GTK_ENTRY (find_child (panel, GTK_TYPE_ENTRY, 0));
  GtkTextView *view = GTK_TEXT_VIEW (find_child (panel, GTK_TYPE_TEXT_VIEW, 0));
  GtkFlowBox *tags_box = GTK_FLOW_BOX (find_child (panel, GTK_TYPE_FLOW_BOX, 0));
  g_autoptr(TpStore) store = NULL;
  g_autoptr(TpStatement) statement = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *add_note = NULL;
  gboolean starred = FALSE;

  g_assert_true (gtk_widget_get_sensitive (panel));
  g_assert_cmpuint (gtk_drop_down_get_selected (review), ==, TP_REVIEW_AUTO);
  g_assert_false (gtk_toggle_button_get_active (star));
  g_assert_cmpuint (f->n_changed, ==, 0);

  gtk_drop_down_set_selected (review, TP_REVIEW_CONFIRMED);
  gtk_toggle_button_set_active (star, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  kiểm chứng ");
  g_signal_emit_by_name (entry, "activate");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Đã gọi điện xác nhận.", -1);
  for (guint i = 0; (add_note = find_child (panel, GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (add_note)), "_Add Note") == 0)
      break;
  g_assert_nonnull (add_note);
  g_signal_emit_by_name (add_note, "clicked");
  wait_idle (f);
  g_assert_cmpuint (f->n_changed, ==, 4);

  store = tp_store_open (f->lib.db_path, &error);
  g_assert_no_error (error);
  statement = tp_store_get_statement (store, f->statement_id, &error);
  g_assert_cmpint (statement->review, ==, TP_REVIEW_CONFIRMED);
  g_assert_true (tp_store_get_statement_starred (store, f->statement_id, &starred, &error));
  g_assert_true (starred);
  tags = tp_store_list_statement_tags (store, f->statement_id, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpstr (((TpTag *) g_ptr_array_index (tags, 0))->name, ==, "kiểm chứng");
  notes = tp_store_list_notes (store, f->statement_id, &error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (((TpNote *) g_ptr_array_index (notes, 0))->text, ==, "Đã gọi điện xác nhận.");

  /* The panel shows what was saved: one tag chip, the text view emptied. */
  g_assert_nonnull (gtk_flow_box_get_child_at_index (tags_box, 0));
  g_assert_null (gtk_flow_box_get_child_at_index (tags_box, 1));
  {
    GtkTextIter start, end;
    g_autofree char *left = NULL;

    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
    left = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
    g_assert_cmpstr (left, ==, "");
  }

  /* Removing the tag through its chip. */
  g_signal_emit_by_name (gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (tags_box, 0)),
                         "clicked");
  wait_idle (f);
  g_clear_pointer (&tags, g_ptr_array_unref);
  tags = tp_store_list_statement_tags (store, f->statement_id, &error);
  g_assert_cmpuint (tags->len, ==, 0);
  g_assert_cmpuint (f->n_changed, ==, 5);
}

static void
test_panel_switches_statement (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkDropDown *review = GTK_DROP_DOWN (find_child (GTK_WIDGET (f->panel), GTK_TYPE_DROP_DOWN, 0));

  /* Another connection changes the statement; re-selecting reads it back. */
  g_assert_true (tp_store_set_statement_review (f->lib.store, f->statement_id, TP_REVIEW_REJECTED,
                                                &error));
  tp_annotation_panel_set_statement (f->panel, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (f->panel)));
  tp_annotation_panel_set_statement (f->panel, f->statement_id);
  wait_idle (f);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (f->panel)));
  g_assert_cmpuint (gtk_drop_down_get_selected (review), ==, TP_REVIEW_REJECTED);
  g_assert_cmpuint (f->n_changed, ==, 0);

  /* A statement that is not there: an error shown, nothing written. */
  tp_annotation_panel_set_statement (f->panel, 999999);
  wait_idle (f);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (f->panel)));
  g_assert_cmpuint (f->n_changed, ==, 0);
}

static GtkWidget *
find_tag_row (Fixture    *f,
              const char *name)
{
  GtkWidget *list;

  /* The library's tags are the list box (in the popover) whose rows carry
   * tag names; the other one holds notes. */
  for (guint i = 0; (list = find_child (GTK_WIDGET (f->panel), GTK_TYPE_LIST_BOX, i)) != NULL; i++)
    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        GtkWidget *box = gtk_widget_get_first_child (row);

        if (box != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (box), "tp-tag-name"), name) == 0)
          return box;
      }
  return NULL;
}

static GPtrArray *
library_tags (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *tags = tp_store_list_tags (f->lib.store, &error);

  g_assert_no_error (error);
  return tags;
}

static gboolean
has_tag (GPtrArray  *tags,
         const char *name)
{
  for (guint i = 0; i < tags->len; i++)
    if (g_str_equal (((TpTag *) g_ptr_array_index (tags, i))->name, name))
      return TRUE;
  return FALSE;
}

static void
rename_row (GtkWidget  *row,
            const char *name)
{
  GtkWidget *label = gtk_widget_get_first_child (row);

  /* What the label does when the user confirms an edit: new text, then
   * "editing" goes false. (Starting a real edit on the hidden popover
   * leaves GTK 4.8 a cursor-blink timeout that outlives the widget.) */
  g_assert_true (GTK_IS_EDITABLE_LABEL (label));
  g_assert_false (gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (label)));
  gtk_editable_set_text (GTK_EDITABLE (label), name);
  g_object_notify (G_OBJECT (label), "editing");
}

static void
test_panel_manages_tags (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  GtkWidget *row, *revealer;
  gint64 a, b;

  a = tp_store_ensure_tag (f->lib.store, "nháp", &error);
  b = tp_store_ensure_tag (f->lib.store, "kiểm chứng", &error);
  g_assert_true (tp_store_tag_statement (f->lib.store, f->statement_id, a, &error));
  g_assert_no_error (error);
  tp_annotation_panel_set_statement (f->panel, 0);
  tp_annotation_panel_set_statement (f->panel, f->statement_id);
  wait_idle (f);

  /* Rename. */
  row = find_tag_row (f, "nháp");
  g_assert_nonnull (row);
  rename_row (row, "bản nháp");
  wait_idle (f);
  tags = library_tags (f);
  g_assert_true (has_tag (tags, "bản nháp"));
  g_assert_false (has_tag (tags, "nháp"));
  g_clear_pointer (&tags, g_ptr_array_unref);

  /* Renaming onto another tag's name merges them. */
  rename_row (find_tag_row (f, "bản nháp"), "kiểm chứng");
  wait_idle (f);
  tags = library_tags (f);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpint (((TpTag *) g_ptr_array_index (tags, 0))->id, ==, b);
  g_assert_cmpuint (((TpTag *) g_ptr_array_index (tags, 0))->n_statements, ==, 1);
  g_clear_pointer (&tags, g_ptr_array_unref);

  /* Delete, then Undo: nothing is written. */
  revealer = find_child (GTK_WIDGET (f->panel), GTK_TYPE_REVEALER, 0);
  row = find_tag_row (f, "kiểm chứng");
  g_signal_emit_by_name (gtk_widget_get_last_child (row), "clicked");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (row)));
  g_signal_emit_by_name (gtk_widget_get_last_child (gtk_revealer_get_child (GTK_REVEALER (revealer))),
                         "clicked");
  wait_idle (f);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (row)));
  tags = library_tags (f);
  g_assert_cmpuint (tags->len, ==, 1);
  g_clear_pointer (&tags, g_ptr_array_unref);

  /* Delete for good once Undo is no longer offered. */
  g_signal_emit_by_name (gtk_widget_get_last_child (find_tag_row (f, "kiểm chứng")), "clicked");
  tags = library_tags (f);
  g_assert_cmpuint (tags->len, ==, 1);
  g_clear_pointer (&tags, g_ptr_array_unref);
  tp_annotation_panel_flush (f->panel);
  wait_idle (f);
  tags = library_tags (f);
  g_assert_cmpuint (tags->len, ==, 0);
  g_assert_null (find_tag_row (f, "kiểm chứng"));
}

static void
test_print_operation_pages (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(TpComparison) comparison = report_comparison (f->lib.store, NULL);
  g_autoptr(GtkPrintOperation) operation = tp_report_print_operation_new (comparison, NULL);
  g_autofree char *pdf = g_build_filename (f->lib.dir, "printed.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  /* Printing to a file runs the same begin-print and draw-page handlers
   * as a printer, without a dialog. */
  gtk_print_operation_set_export_filename (operation, pdf);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *head = report_read_file (pdf);
    g_assert_true (g_str_has_prefix (head, "%PDF-"));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run under Xvfb (xvfb-run) to test the annotation panel");
      return g_test_run ();
    }

  g_test_add ("/report/annotation-panel/edits-reach-the-store", Fixture, NULL, fixture_setup,
              test_panel_edits_reach_the_store, fixture_teardown);
  g_test_add ("/report/annotation-panel/switches-statement", Fixture, NULL, fixture_setup,
              test_panel_switches_statement, fixture_teardown);
  g_test_add ("/report/annotation-panel/manages-tags", Fixture, NULL, fixture_setup,
              test_panel_manages_tags, fixture_teardown);
  g_test_add ("/report/print/export", Fixture, NULL, fixture_setup, test_print_operation_pages,
              fixture_teardown);
  return g_test_run ();
}
