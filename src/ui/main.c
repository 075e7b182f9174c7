/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "triptych"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TpApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = tp_application_new (G_APPLICATION_HANDLES_OPEN);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : tp_application_get_exit_status (app);
}
