"""`python -m radio.agent …`: the station agent without loading the server application."""

from radio.agent.cli import station_agent

if __name__ == "__main__":
    station_agent(prog_name="radio-station-agent")
