/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "tp-cli.h"
#include "tp-store.h"
#include "tp-store-backup.h"

/* triptych-cli backup [now|list|restore [--force]] */

/* Auxiliary methods */

static int
backup_now (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tp_store_backup_now (db_path, &error);

  if (path == NULL)
    return tp_cli_fail ("%s", error->message);
  printf ("%s\n", path);
  return 0;
}

static int
backup_list (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = tp_store_backup_list (db_path, &error);

  if (paths == NULL)
    return tp_cli_fail ("%s", error->message);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        printf ("%s\t%" G_GINT64_FORMAT "\n", path, (gint64) st.st_size);
      else
        printf ("%s\t-\n", path);
    }
  return 0;
}

static int
backup_restore (const char *db_path,
                gboolean    force)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *restored = NULL;

  /* Replacing a sound library would throw away everything since the last
   * backup; the journalist has to ask for that explicitly. */
  if (!force && g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(TpStore) store = tp_store_open (db_path, NULL);

      if (store != NULL)
        return tp_cli_fail (_("the library “%s” opens normally; add --force to replace it "
                              "with the latest backup anyway"), db_path);
    }

  restored = tp_store_backup_restore_latest (db_path, &aside, &error);
  if (restored == NULL)
    return tp_cli_fail ("%s", error->message);

  if (aside != NULL)
    printf (_("Restored %s from %s; the previous file was moved to %s\n"),
            db_path, restored, aside);
  else
    printf (_("Restored %s from %s\n"), db_path, restored);
  return 0;
}

/* Public API */

int
tp_cli_backup (int          argc,
               char       **argv,
               const char  *db_path)
{
  const char *action = "now";
  gboolean force = FALSE;
  int i = 1;

  if (i < argc && argv[i][0] != '-')
    action = argv[i++];
  for (; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--force") && g_str_equal (action, "restore"))
        force = TRUE;
      else
        return tp_cli_fail (_("unexpected argument “%s”; usage: %s"), argv[i],
                            "backup [now|list|restore [--force]]");
    }

  if (g_str_equal (action, "now"))
    return backup_now (db_path);
  if (g_str_equal (action, "list"))
    return backup_list (db_path);
  if (g_str_equal (action, "restore"))
    return backup_restore (db_path, force);
  return tp_cli_fail (_("unknown backup action “%s”; use now, list or restore"), action);
}

/* Used by tp_cli_fail_error() when a command could not open the library
 * because it is damaged or foreign: says where to go from there. */
int
tp_cli_fail_damaged (const char *context,
                     GError     *error,
                     const char *db_path)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *prefix = NULL;

  prefix = context != NULL ? g_strdup_printf ("%s: %s", context, error->message)
                           : g_strdup (error->message);
  if (db_path != NULL)
    backups = tp_store_backup_list (db_path, NULL);

  if (backups != NULL && backups->len > 0)
    {
      g_autofree char *quoted = g_shell_quote (db_path);

      return tp_cli_fail (ngettext ("%s — %u backup exists; run “triptych-cli --db %s backup "
                                    "restore” to restore it (the damaged file is kept)",
                                    "%s — %u backups exist; run “triptych-cli --db %s backup "
                                    "restore” to restore the latest (the damaged file is kept)",
                                    backups->len),
                          prefix, backups->len, quoted);
    }
  return tp_cli_fail (_("%s — there is no backup to restore"), prefix);
}
