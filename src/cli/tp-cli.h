/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Each subcommand gets its own arguments (argv[0] is the subcommand's name)
 * and the library path chosen by --db, TRIPTYCH_DB or the default. It returns
 * the process exit status; on failure it has printed one line on stderr. */
typedef int (*TpCliCommandFunc) (int          argc,
                                 char       **argv,
                                 const char  *db_path);

int   tp_cli_extract   (int argc, char **argv, const char *db_path);
int   tp_cli_import    (int argc, char **argv, const char *db_path);
int   tp_cli_statements (int argc, char **argv, const char *db_path);
int   tp_cli_search    (int argc, char **argv, const char *db_path);
int   tp_cli_compare   (int argc, char **argv, const char *db_path);
int   tp_cli_bench     (int argc, char **argv, const char *db_path);
int   tp_cli_feeds     (int argc, char **argv, const char *db_path);
int   tp_cli_backup    (int argc, char **argv, const char *db_path);
int   tp_cli_export    (int argc, char **argv, const char *db_path);
int   tp_cli_tag       (int argc, char **argv, const char *db_path);
int   tp_cli_untag     (int argc, char **argv, const char *db_path);
int   tp_cli_tags      (int argc, char **argv, const char *db_path);
int   tp_cli_note      (int argc, char **argv, const char *db_path);
int   tp_cli_notes     (int argc, char **argv, const char *db_path);
int   tp_cli_review    (int argc, char **argv, const char *db_path);
int   tp_cli_star      (int argc, char **argv, const char *db_path);

int   tp_cli_fail      (const char *format,
                        ...) G_GNUC_PRINTF (1, 2);
int   tp_cli_fail_error (const char *context,
                         GError     *error);
int   tp_cli_fail_damaged (const char *context,
                           GError     *error,
                           const char *db_path);
void  tp_cli_print_json (gpointer    json_node);

G_END_DECLS
