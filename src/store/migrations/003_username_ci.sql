-- Usernames are unique regardless of case, so "Admin" cannot stand next to "admin" in the
-- audit log and the user list; logins match them case-insensitively.
CREATE UNIQUE INDEX app_user_username_ci ON app_user (LOWER(username));
