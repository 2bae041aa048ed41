"""Speech for written bulletins: Vietnamese text normalisation (`normalise.py`, pure), the
abbreviation list (`abbreviations.py`), and the speech engines behind one small interface
(`engines.py`: text, voice, rate → WAV; `espeak.py`, `http.py`)."""
