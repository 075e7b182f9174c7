/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-store-backup"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tp-store-backup.h"
#include "tp-store-private.h"

/* Backups are plain SQLite files written page by page by the online backup
 * API from one read transaction: in WAL mode that neither blocks the
 * writers nor sees half a transaction. Nothing here ever deletes a file
 * that is not one of our own backups; a damaged library is renamed aside. */

#define LIBRARY_APPLICATION_ID 0x54505459 /* "TPTY", as written by tp-store.c */
#define BUSY_TIMEOUT_MS 5000

G_DEFINE_QUARK (tp-store-backup-error-quark, tp_store_backup_error)

typedef struct
{
  char      *path;
  GDateTime *taken;
  guint      sequence;
} Backup;

static void
backup_free (Backup *backup)
{
  g_free (backup->path);
  g_date_time_unref (backup->taken);
  g_free (backup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Backup, backup_free)

/* Auxiliary methods */

/* "library.db" → "library": backups of two libraries in one folder must not
 * rotate each other out. */
static char *
library_stem (const char *library_path)
{
  g_autofree char *base = g_path_get_basename (library_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static gboolean
parse_digits (const char *s,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      value = value * 10 + (s[i] - '0');
    }
  *out = value;
  return TRUE;
}

/* Reads "<stem>-YYYYMMDD-HHMMSS[-N].db"; anything else in the folder is not
 * ours and is left alone. */
static Backup *
parse_backup_name (const char *dir,
                   const char *stem,
                   const char *name)
{
  gsize stem_len = strlen (stem);
  const char *p = name;
  int year, month, day, hour, minute, second, sequence = 1;
  GDateTime *taken;
  Backup *backup;

  if (strncmp (p, stem, stem_len) != 0 || p[stem_len] != '-')
    return NULL;
  p += stem_len + 1;
  if (!parse_digits (p, 4, &year) || !parse_digits (p + 4, 2, &month)
      || !parse_digits (p + 6, 2, &day) || p[8] != '-'
      || !parse_digits (p + 9, 2, &hour) || !parse_digits (p + 11, 2, &minute)
      || !parse_digits (p + 13, 2, &second))
    return NULL;
  p += 15;
  if (*p == '-')
    {
      char *end = NULL;
      guint64 n;

      p++;
      if (!g_ascii_isdigit (*p))
        return NULL;
      n = g_ascii_strtoull (p, &end, 10);
      if (n < 2 || n > 999)
        return NULL;
      sequence = (int) n;
      p = end;
    }
  if (!g_str_equal (p, ".db"))
    return NULL;

  taken = g_date_time_new_local (year, month, day, hour, minute, second);
  if (taken == NULL)
    return NULL;

  backup = g_new0 (Backup, 1);
  backup->path = g_build_filename (dir, name, NULL);
  backup->taken = taken;
  backup->sequence = (guint) sequence;
  return backup;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Backup *x = *(const Backup * const *) a;
  const Backup *y = *(const Backup * const *) b;
  int c = g_date_time_compare (y->taken, x->taken);

  if (c != 0)
    return c;
  return (y->sequence > x->sequence) - (y->sequence < x->sequence);
}

/* Every backup of @library_path, newest first (element-type Backup). A
 * missing folder means no backups, not an error. */
static GPtrArray *
collect_backups (const char  *library_path,
                 GError     **error)
{
  g_autofree char *dir_path = tp_store_backup_get_dir (library_path);
  g_autofree char *stem = library_stem (library_path);
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) backup_free);
  g_autoptr(GError) local_error = NULL;
  GDir *dir;
  const char *name;

  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_FAILED,
                   _("Could not read the backup folder “%s”: %s"), dir_path,
                   local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      Backup *backup = parse_backup_name (dir_path, stem, name);

      if (backup != NULL)
        g_ptr_array_add (backups, backup);
    }
  g_dir_close (dir);

  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

static sqlite3 *
open_db (const char  *path,
         int          flags,
         GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_FAILED,
                   _("Could not open “%s”: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* An integrity check may look into the full-text tables, which need the
   * library's tokenizer. */
  _tp_store_register_tokenizer (db);
  return db;
}

/* Whether @db holds a whole, undamaged Triptych library. quick_check reads
 * every page once: seconds for a large library, which is what a backup
 * costs anyway. */
static gboolean
check_library (sqlite3     *db,
               const char  *path,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = 0;
  gint64 version = 0;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    app_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (app_id != LIBRARY_APPLICATION_ID || version <= 0)
    {
      g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_DAMAGED,
                   _("“%s” is not a Triptych library or is damaged"), path);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);

      ok = result != NULL && g_str_equal (result, "ok");
    }
  sqlite3_finalize (stmt);

  if (!ok)
    g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_DAMAGED,
                 _("“%s” is damaged: its integrity check failed"), path);
  return ok;
}

/* Copies the main database of @src into a new file at @dest_path and
 * checks the copy. The copy is made from one read transaction, so other
 * connections keep writing meanwhile. */
static gboolean
copy_database (sqlite3     *src,
               const char  *src_path,
               const char  *dest_path,
               GError     **error)
{
  sqlite3 *dest;
  sqlite3_backup *backup;
  gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  int rc;

  g_remove (dest_path);
  dest = open_db (dest_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (dest == NULL)
    return FALSE;

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_FAILED,
                   _("Could not copy “%s”: %s"), src_path, sqlite3_errmsg (dest));
      sqlite3_close (dest);
      g_remove (dest_path);
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && g_get_monotonic_time () < deadline)
        g_usleep (20 * G_TIME_SPAN_MILLISECOND);
      else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        break;
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      int code = rc & 0xff;

      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_DAMAGED,
                     _("“%s” is not a Triptych library or is damaged"), src_path);
      else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_FAILED,
                     _("Could not copy “%s”: the library is busy in another program; try again"),
                     src_path);
      else
        g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_FAILED,
                     _("Could not copy “%s” to “%s”: %s"), src_path, dest_path,
                     sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_remove (dest_path);
      return FALSE;
    }

  if (!check_library (dest, src_path, error))
    {
      sqlite3_close (dest);
      g_remove (dest_path);
      return FALSE;
    }

  sqlite3_close (dest);
  return TRUE;
}

static void
remove_old_backups (const char *library_path)
{
  g_autoptr(GPtrArray) backups = collect_backups (library_path, NULL);

  if (backups == NULL)
    return;
  for (guint i = TP_STORE_BACKUP_KEEP; i < backups->len; i++)
    {
      Backup *backup = g_ptr_array_index (backups, i);

      if (g_remove (backup->path) != 0)
        g_warning ("Could not remove the old backup %s: %s", backup->path, g_strerror (errno));
    }
}

/* A fresh name in the backup folder: two backups within one second (a
 * migration right after a daily backup) get a sequence number. */
static char *
new_backup_path (const char  *library_path,
                 GError     **error)
{
  g_autofree char *dir = tp_store_backup_get_dir (library_path);
  g_autofree char *stem = library_stem (library_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  guint last_taken = 0;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_FAILED,
                   _("Could not create the backup folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }

  /* Numbers only go up within a second: a name the rotation has just freed
   * must not be reused, or the newest backup would sort as the oldest. */
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s.db", stem, stamp)
                                     : g_strdup_printf ("%s-%s-%u.db", stem, stamp, n);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        last_taken = n;
    }
  if (last_taken < 999)
    {
      guint n = last_taken + 1;
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s.db", stem, stamp)
                                     : g_strdup_printf ("%s-%s-%u.db", stem, stamp, n);

      return g_build_filename (dir, name, NULL);
    }

  g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_FAILED,
               _("Could not choose a name for a new backup in “%s”"), dir);
  return NULL;
}

static char *
backup_from (sqlite3     *db,
             const char  *library_path,
             GError     **error)
{
  g_autofree char *path = new_backup_path (library_path, error);
  g_autofree char *part = NULL;

  if (path == NULL)
    return NULL;

  /* Written under another name and renamed when complete and checked, so
   * a crash mid-copy never leaves a half backup that looks like a backup. */
  part = g_strconcat (path, ".part", NULL);
  if (!copy_database (db, library_path, part, error))
    return NULL;
  if (g_rename (part, path) != 0)
    {
      int saved = errno;

      g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_FAILED,
                   _("Could not save the backup “%s”: %s"), path, g_strerror (saved));
      g_remove (part);
      return NULL;
    }

  g_debug ("Backed up %s to %s", library_path, path);
  remove_old_backups (library_path);
  return g_steal_pointer (&path);
}

static gboolean
rename_if_exists (const char  *from,
                  const char  *to,
                  GError     **error)
{
  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_rename (from, to) == 0)
    return TRUE;

  {
    int saved = errno;

    g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_FAILED,
                 _("Could not move “%s” aside: %s"), from, g_strerror (saved));
  }
  return FALSE;
}

static const char * const sidecar_suffixes[] = { "", "-wal", "-shm", "-journal" };

/* Moves the library and the files SQLite keeps beside it to @aside: a
 * leftover WAL of the damaged file must never be replayed into the
 * restored one. On failure, puts back what was moved. */
static gboolean
move_library_aside (const char  *library_path,
                    const char  *aside,
                    GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *from = g_strconcat (library_path, sidecar_suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, sidecar_suffixes[i], NULL);

      if (!rename_if_exists (from, to, error))
        {
          for (guint j = 0; j < i; j++)
            {
              g_autofree char *back_from = g_strconcat (aside, sidecar_suffixes[j], NULL);
              g_autofree char *back_to = g_strconcat (library_path, sidecar_suffixes[j], NULL);

              rename_if_exists (back_from, back_to, NULL);
            }
          return FALSE;
        }
    }
  return TRUE;
}

static char *
aside_path (const char *library_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint n = 1; ; n++)
    {
      g_autofree char *path = n == 1
        ? g_strdup_printf ("%s.damaged-%s", library_path, stamp)
        : g_strdup_printf ("%s.damaged-%s-%u", library_path, stamp, n);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

/* Public API */

/**
 * tp_store_backup_get_dir:
 * @library_path: the library file
 *
 * Returns: (transfer full): the folder that holds the backups of @library_path
 */
char *
tp_store_backup_get_dir (const char *library_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (library_path != NULL, NULL);

  dir = g_path_get_dirname (library_path);
  return g_build_filename (dir, "backups", NULL);
}

/**
 * tp_store_backup_connection:
 * @db: an open connection to the library
 * @library_path: the file @db has open
 * @error: return location for a #GError
 *
 * Backs up the library through a connection that is already open; the
 * store calls this before it migrates a library to a newer schema. Must not
 * be called inside a transaction of @db.
 *
 * Returns: (transfer full): the new backup's path, or %NULL with @error set
 */
char *
tp_store_backup_connection (sqlite3     *db,
                            const char  *library_path,
                            GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (library_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return backup_from (db, library_path, error);
}

/**
 * tp_store_backup_before_migration:
 * @db: the open connection that is about to migrate, outside a transaction
 * @library_path: the file @db has open
 * @from_version: the schema version of the file now
 * @to_version: the version it is about to be migrated to
 * @error: return location for a #GError
 *
 * Backs up a library before its schema is upgraded, so a migration that
 * goes wrong (or a downgrade of Triptych) can be undone. Does nothing for
 * a library being created (@from_version 0) or already up to date. The
 * store calls it at the start of its migration and does not migrate when
 * it fails.
 *
 * Returns: %TRUE when there was nothing to do or the backup was made
 */
gboolean
tp_store_backup_before_migration (sqlite3     *db,
                                  const char  *library_path,
                                  guint        from_version,
                                  guint        to_version,
                                  GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (library_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (from_version == 0 || from_version >= to_version)
    return TRUE;

  path = backup_from (db, library_path, &local_error);
  if (path == NULL)
    {
      g_set_error (error, TP_STORE_BACKUP_ERROR, local_error->code,
                   _("The library was not upgraded, because it could not be backed up "
                     "first: %s"), local_error->message);
      return FALSE;
    }
  g_debug ("Backed up %s before upgrading it from schema %u to %u", library_path,
           from_version, to_version);
  return TRUE;
}

/**
 * tp_store_backup_now:
 * @library_path: the library file
 * @error: return location for a #GError
 *
 * Takes a backup of the library at @library_path now and drops the oldest
 * backups beyond %TP_STORE_BACKUP_KEEP. Safe while other programs write.
 *
 * Returns: (transfer full): the new backup's path, or %NULL with @error set
 *   (%TP_STORE_BACKUP_ERROR_NO_LIBRARY when there is no file,
 *   %TP_STORE_BACKUP_ERROR_DAMAGED when it is not a sound library)
 */
char *
tp_store_backup_now (const char  *library_path,
                     GError     **error)
{
  sqlite3 *db;
  char *path;

  g_return_val_if_fail (library_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (library_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_NO_LIBRARY,
                   _("There is no library at “%s” to back up"), library_path);
      return NULL;
    }

  /* Read-write without create: a WAL library needs its shared-memory file,
   * and nothing here writes to the library. */
  db = open_db (library_path, SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return NULL;
  path = backup_from (db, library_path, error);
  sqlite3_close (db);
  return path;
}

/**
 * tp_store_backup_maybe_daily:
 * @library_path: the library file
 * @out_backup: (out) (optional) (nullable) (transfer full): the new
 *   backup's path, or %NULL when none was needed
 * @error: return location for a #GError
 *
 * Takes a backup when the newest one is older than a day (or there is
 * none). Call it when the library is opened; it costs one directory listing
 * when nothing is due. A library that does not exist yet needs no backup.
 *
 * Returns: %TRUE unless a due backup failed
 */
gboolean
tp_store_backup_maybe_daily (const char  *library_path,
                             char       **out_backup,
                             GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *path;

  g_return_val_if_fail (library_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_backup != NULL)
    *out_backup = NULL;
  if (!g_file_test (library_path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  backups = collect_backups (library_path, error);
  if (backups == NULL)
    return FALSE;

  now = g_date_time_new_now_local ();
  if (backups->len > 0)
    {
      Backup *newest = g_ptr_array_index (backups, 0);
      GTimeSpan age = g_date_time_difference (now, newest->taken);

      /* A backup from the future means the clock moved back: take one. */
      if (age >= 0 && age < TP_STORE_BACKUP_INTERVAL)
        return TRUE;
    }

  path = tp_store_backup_now (library_path, error);
  if (path == NULL)
    return FALSE;
  if (out_backup != NULL)
    *out_backup = path;
  else
    g_free (path);
  return TRUE;
}

/**
 * tp_store_backup_list:
 * @library_path: the library file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type filename): the paths of the
 *   backups of @library_path, newest first (possibly none), or %NULL with
 *   @error set when the backup folder cannot be read
 */
GPtrArray *
tp_store_backup_list (const char  *library_path,
                      GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  GPtrArray *paths;

  g_return_val_if_fail (library_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  backups = collect_backups (library_path, error);
  if (backups == NULL)
    return NULL;

  paths = g_ptr_array_new_full (backups->len, g_free);
  for (guint i = 0; i < backups->len; i++)
    {
      Backup *backup = g_ptr_array_index (backups, i);

      g_ptr_array_add (paths, g_steal_pointer (&backup->path));
    }
  return paths;
}

/**
 * tp_store_backup_restore_latest:
 * @library_path: the library file
 * @out_moved_aside: (out) (optional) (nullable) (transfer full): where the
 *   file that was at @library_path now is, or %NULL when there was none
 * @error: return location for a #GError
 *
 * Puts the newest sound backup in place of the library. The file that was
 * there (with its WAL and shared-memory files) is renamed to
 * “<library>.damaged-YYYYMMDD-HHMMSS”, never deleted. Backups that fail
 * their integrity check are skipped. No program may have the library open.
 *
 * Returns: (transfer full): the path of the backup that was restored, or
 *   %NULL with @error set (%TP_STORE_BACKUP_ERROR_NONE_FOUND when there is
 *   no backup, %TP_STORE_BACKUP_ERROR_DAMAGED when none is sound)
 */
char *
tp_store_backup_restore_latest (const char  *library_path,
                                char       **out_moved_aside,
                                GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *restoring = NULL;
  g_autofree char *aside = NULL;
  gboolean had_library;
  Backup *chosen = NULL;

  g_return_val_if_fail (library_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_moved_aside != NULL)
    *out_moved_aside = NULL;

  backups = collect_backups (library_path, error);
  if (backups == NULL)
    return NULL;
  if (backups->len == 0)
    {
      g_autofree char *dir = tp_store_backup_get_dir (library_path);

      g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_NONE_FOUND,
                   _("There is no backup of “%s” in “%s”"), library_path, dir);
      return NULL;
    }

  /* The copy is made and checked beside the library first, so the damaged
   * file is only moved once there is something sound to put in its place. */
  restoring = g_strconcat (library_path, ".restoring", NULL);
  for (guint i = 0; i < backups->len && chosen == NULL; i++)
    {
      Backup *backup = g_ptr_array_index (backups, i);
      g_autoptr(GError) local_error = NULL;
      sqlite3 *src = open_db (backup->path, SQLITE_OPEN_READWRITE, &local_error);

      if (src != NULL && copy_database (src, backup->path, restoring, &local_error))
        chosen = backup;
      else
        g_warning ("Skipping the backup %s: %s", backup->path, local_error->message);
      sqlite3_close (src);
    }
  if (chosen == NULL)
    {
      g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_DAMAGED,
                   _("None of the %u backups of “%s” is sound"), backups->len, library_path);
      return NULL;
    }

  had_library = g_file_test (library_path, G_FILE_TEST_EXISTS);
  aside = aside_path (library_path);
  if (!move_library_aside (library_path, aside, error))
    {
      g_remove (restoring);
      return NULL;
    }

  if (g_rename (restoring, library_path) != 0)
    {
      int saved = errno;

      g_set_error (error, TP_STORE_BACKUP_ERROR, TP_STORE_BACKUP_ERROR_FAILED,
                   _("Could not put the backup in place of “%s”: %s"), library_path,
                   g_strerror (saved));
      move_library_aside (aside, library_path, NULL);
      g_remove (restoring);
      return NULL;
    }

  if (out_moved_aside != NULL && had_library)
    *out_moved_aside = g_steal_pointer (&aside);
  return g_strdup (chosen->path);
}
