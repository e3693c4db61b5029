{
  "targets": [
    {
      "target_name": "keyward_pack",
      "sources": ["packReader.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "libraries": ["-lz"]
    }
  ]
}
