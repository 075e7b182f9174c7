/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *tp_resolve_date (const char *text,
                       const char *published);

G_END_DECLS
