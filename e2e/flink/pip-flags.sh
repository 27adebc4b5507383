# One fixed wheel for every machine: apache-flink's wheels are per Python version and platform,
# but only bin/ and conf/ are used from it. 3.10 is the one Python every pinned release has a
# wheel for (1.18.1 has none for 3.11). apache-flink-libraries is an sdist up to 1.20 and a
# pure wheel from 2.0 on; --no-binary is not needed for it.
PIP_FLAGS=(--python-version 3.10 --platform manylinux2014_x86_64 --platform manylinux1_x86_64 --implementation cp)
