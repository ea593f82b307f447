"""The PNG painter: a Scene onto Agg with cached glyphs, encoded by zlib-ng."""
