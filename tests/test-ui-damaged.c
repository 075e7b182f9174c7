/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-damaged"

#include "config.h"

#include "tp-store-backup.h"
#include "tp-window.h"
#include "test-ui-util.h"

/* A damaged library at start-up: random bytes where the library was. The
 * window says so in a dialog and never makes a new empty library there;
 * "Restore Latest Backup" puts the backup back and the window opens it. */

static const char body[] =
  "Dmitry Peskov said: \"Moscow is open to talks in Istanbul.\"";

static void
damage (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm" };
  guint8 junk[8192];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_random_int_range (0, 256);
  g_assert_true (g_file_set_contents (path, (const char *) junk, sizeof junk, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static gboolean
dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = tp_window_get_damage_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
library_lists_one (gpointer data)
{
  TpLibraryView *view = tp_window_get_library_view (data);
  GListModel *model = G_LIST_MODEL (tp_library_view_get_model (view));

  return model != NULL && g_list_model_get_n_items (model) == 1 &&
         tp_window_get_damage_dialog (data) == NULL;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
test_restore (void)
{
  Library *lib = library_new ();
  g_autofree char *backup = NULL;
  g_autofree char *dir = g_strdup (lib->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) after = NULL;
  TpWindow *window;
  AdwMessageDialog *dialog;

  add_article (lib, "Talks in Istanbul", "Outlet A", "en", "2025-07-01", body,
               quote (body, "Moscow is open to talks in Istanbul.", "Dmitry Peskov", "moscow",
                      "negotiations"),
               NULL);
  backup = tp_store_backup_now (lib->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_clear_object (&lib->store);
  damage (lib->path);
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (lib->path, &contents, &len, NULL));
    damaged = g_bytes_new_take (g_steal_pointer (&contents), len);
  }

  window = tp_window_new (NULL, lib->path);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (dialog_shown, window);
  dialog = tp_window_get_damage_dialog (window);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));

  /* Nothing touched the damaged file: no silent new library. */
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (lib->path, &contents, &len, NULL));
    after = g_bytes_new_take (g_steal_pointer (&contents), len);
    g_assert_true (g_bytes_equal (damaged, after));
  }

  adw_message_dialog_response (dialog, "restore");
  wait_for (library_lists_one, window);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  remove_tree (dir);
  g_free (lib->path);
  g_free (lib->dir);
  g_free (lib);
}

static void
test_no_backup (void)
{
  Library *lib = library_new ();
  g_autofree char *dir = g_strdup (lib->dir);
  TpWindow *window;
  AdwMessageDialog *dialog;

  g_clear_object (&lib->store);
  damage (lib->path);

  window = tp_window_new (NULL, lib->path);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (dialog_shown, window);
  dialog = tp_window_get_damage_dialog (window);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "restore"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "open");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  remove_tree (dir);
  g_free (lib->path);
  g_free (lib->dir);
  g_free (lib);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/damaged/restore", test_restore);
  g_test_add_func ("/ui/damaged/no-backup", test_no_backup);
  return g_test_run ();
}
