// The formatter lives here (see the fmt branch).
