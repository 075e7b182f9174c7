/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Rolling backups of a library file, taken with SQLite's online backup API
 * so a backup is a consistent snapshot even while another program writes.
 *
 * Backups of <dir>/<name>.db live in <dir>/backups/<name>-YYYYMMDD-HHMMSS.db
 * (local time); the newest TP_STORE_BACKUP_KEEP are kept. A backup is
 * checked after it is written, so a damaged library never pushes a good
 * backup out of the rotation. */

#define TP_STORE_BACKUP_ERROR (tp_store_backup_error_quark ())

typedef enum
{
  TP_STORE_BACKUP_ERROR_NO_LIBRARY,  /* nothing at the library path to back up */
  TP_STORE_BACKUP_ERROR_DAMAGED,     /* the library (or every backup) is damaged or foreign */
  TP_STORE_BACKUP_ERROR_NONE_FOUND,  /* there is no backup to restore */
  TP_STORE_BACKUP_ERROR_FAILED,      /* disk full, permissions, SQLite failure */
} TpStoreBackupError;

/* How many backups are kept per library. */
#define TP_STORE_BACKUP_KEEP 5
/* A daily backup is taken when the newest one is older than this. */
#define TP_STORE_BACKUP_INTERVAL (G_TIME_SPAN_DAY)

GQuark     tp_store_backup_error_quark   (void);

char      *tp_store_backup_get_dir       (const char  *library_path);
char      *tp_store_backup_now           (const char  *library_path,
                                          GError     **error);
char      *tp_store_backup_connection    (sqlite3     *db,
                                          const char  *library_path,
                                          GError     **error);
gboolean   tp_store_backup_before_migration (sqlite3    *db,
                                             const char *library_path,
                                             guint       from_version,
                                             guint       to_version,
                                             GError    **error);
gboolean   tp_store_backup_maybe_daily   (const char  *library_path,
                                          char       **out_backup,
                                          GError     **error);
GPtrArray *tp_store_backup_list          (const char  *library_path,
                                          GError     **error);
char      *tp_store_backup_restore_latest (const char  *library_path,
                                           char       **out_moved_aside,
                                           GError     **error);

G_END_DECLS
