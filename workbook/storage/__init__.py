"""Files on disk: reading with one clear line for every failure, atomic writes, the TOML
store, parsing on another core, and the places files go (the bundled seed, beside a workbook).

Below it the essay and the core."""
