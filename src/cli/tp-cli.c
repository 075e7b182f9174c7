/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tp-cli.h"
#include "tp-store.h"

typedef struct
{
  const char       *name;
  TpCliCommandFunc  func;
  const char       *usage;
} Command;

static const Command commands[] = {
  /* Subcommands register here as their stage lands; keep the sentinel last. */
  { "feeds", tp_cli_feeds, N_("feeds add URL | list | refresh [ID] | remove URL|ID | "
                              "import-opml FILE | export-opml FILE | parse --format json FILE|URL") },
  { "extract", tp_cli_extract, N_("extract [--lang L] [--date YYYY-MM-DD] --format json FILE") },
  { "import", tp_cli_import, N_("import FILE|URL...") },
  { "statements", tp_cli_statements, N_("statements [--side S] [--topic T] [filters] [--format table|json|csv]") },
  { "search", tp_cli_search, N_("search QUERY [--in articles|statements] [--order newest|relevance] [--format table|json]") },
  { "compare", tp_cli_compare, N_("compare [--from D] [--until D] [--outlet O] [--tag T] [--review S] [--format table|json]") },
  { "bench", tp_cli_bench, N_("bench [--scale N]") },
  { "backup", tp_cli_backup, N_("backup [now|list|restore [--force]]") },
  { "export", tp_cli_export, N_("export --format html|pdf|md|csv|json|odt -o OUT [--side S] [--topic T] "
                                "[--from D] [--until D] [--outlet O] [--tag T] "
                                "[--status confirmed|auto|edited|rejected] [--with-notes] [--with-tags] "
                                "[--paper a4|letter]") },
  { "tag", tp_cli_tag, N_("tag STATEMENT_ID TAG...") },
  { "untag", tp_cli_untag, N_("untag STATEMENT_ID TAG...") },
  { "tags", tp_cli_tags, N_("tags [list] [--format table|json] | rename OLD NEW | merge FROM INTO | "
                            "delete NAME | color NAME #RRGGBB") },
  { "note", tp_cli_note, N_("note STATEMENT_ID TEXT") },
  { "notes", tp_cli_notes, N_("notes STATEMENT_ID [--format table|json] | edit NOTE_ID TEXT | "
                              "delete NOTE_ID") },
  { "review", tp_cli_review, N_("review STATEMENT_ID confirmed|rejected|auto|edited") },
  { "star", tp_cli_star, N_("star STATEMENT_ID") },
  { "unstar", tp_cli_star, N_("unstar STATEMENT_ID") },
  { NULL, NULL, NULL },
};

/* The library the command works on, for the restore hint of a damaged file. */
static const char *cli_db_path;

/* Auxiliary methods */

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: triptych-cli [--db FILE] COMMAND [OPTIONS]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %s\n", _(commands[i].usage));
  fprintf (out, "\n%s\n", _("The library file defaults to $XDG_DATA_HOME/triptych/library.db; "
                            "--db or TRIPTYCH_DB chooses another."));
}

static char *
default_db_path (void)
{
  const char *env = g_getenv ("TRIPTYCH_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "triptych", "library.db", NULL);
}

/* Public API */

int
tp_cli_fail (const char *format,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (msg, "\n", ' ');
  fprintf (stderr, "triptych-cli: %s\n", msg);
  return 1;
}

int
tp_cli_fail_error (const char *context,
                   GError     *error)
{
  if (g_error_matches (error, TP_STORE_ERROR, TP_STORE_ERROR_NOT_LIBRARY))
    return tp_cli_fail_damaged (context, error, cli_db_path);
  if (context != NULL)
    return tp_cli_fail ("%s: %s", context, error->message);
  return tp_cli_fail ("%s", error->message);
}

void
tp_cli_print_json (gpointer json_node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, json_node);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  int i = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db"))
        {
          if (i + 1 >= argc)
            return tp_cli_fail ("%s", _("--db needs a file name"));
          g_free (db_path);
          db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (db_path);
          db_path = g_strdup (argv[i] + strlen ("--db="));
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          printf ("triptych-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return 0;
        }
      else
        break;
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return 2;
    }

  if (db_path == NULL)
    db_path = default_db_path ();
  cli_db_path = db_path;

  for (guint c = 0; commands[c].name != NULL; c++)
    if (g_str_equal (argv[i], commands[c].name))
      return commands[c].func (argc - i, argv + i, db_path);

  return tp_cli_fail (_("unknown command “%s”; see triptych-cli --help"), argv[i]);
}
