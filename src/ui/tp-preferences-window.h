/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tp-library-worker.h"

G_BEGIN_DECLS

#define TP_TYPE_PREFERENCES_WINDOW (tp_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TpPreferencesWindow, tp_preferences_window, TP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

TpPreferencesWindow *tp_preferences_window_new        (GtkWindow           *parent,
                                                       TpLibraryWorker     *worker);
TpLexicon           *tp_preferences_window_get_lexicon (TpPreferencesWindow *self);
gboolean             tp_preferences_window_get_changed (TpPreferencesWindow *self);

G_END_DECLS
