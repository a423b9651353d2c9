"""Scenarios, scoring, quizzes and progress: onboarding for trainees (issue 11)."""
