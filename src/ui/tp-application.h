/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tp-feed-monitor.h"

G_BEGIN_DECLS

#define TP_TYPE_APPLICATION (tp_application_get_type ())

G_DECLARE_FINAL_TYPE (TpApplication, tp_application, TP, APPLICATION, AdwApplication)

TpApplication *tp_application_new              (GApplicationFlags  flags);
const char    *tp_application_get_library_path (TpApplication     *self);
void           tp_application_set_library_path (TpApplication     *self,
                                                const char        *path);
int            tp_application_get_exit_status  (TpApplication     *self);
char          *tp_application_dup_default_library_path (void);
char          *tp_application_dup_sample_library_path  (void);
TpFeedMonitor *tp_application_get_feed_monitor (TpApplication     *self,
                                                const char        *library_path);

G_END_DECLS
