/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdarg.h>

/* Running the built triptych-cli (TRIPTYCH_CLI, set by tests/meson.build)
 * from tests, the way a journalist or a script would. */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static inline void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static inline const char *
cli_path (void)
{
  const char *path = g_getenv ("TRIPTYCH_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs triptych-cli with @prefix (may be NULL, NULL-terminated) followed by
 * the NULL-terminated @args, with English messages whatever the machine's
 * locale and no library from the environment. */
static inline void
run_cli_va (Run               *run,
            const char * const *prefix,
            const char        *first,
            va_list            args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();

  g_ptr_array_add (argv, (char *) cli_path ());
  for (guint i = 0; prefix != NULL && prefix[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) prefix[i]);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "TRIPTYCH_DB");

  run_clear (run);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
}
