/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gunichar  tp_fold_char        (gunichar    c);
char     *tp_fold_string      (const char *text,
                               gssize      len);
gboolean  tp_fold_equal       (const char *a,
                               const char *b);

G_END_DECLS
