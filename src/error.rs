//! The crate's one error type. Errors are for input that is wrong; "you do not qualify" is an
//! answer (`estimate::Status`), not an error.
use std::fmt;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A worker's answer is malformed. `field` is the dotted name (`training.days`).
    Answer { field: String, message: String },
    /// A policy file is wrong. Reads as `policies/140502/czf-2020-12.toml:12: message`.
    Policy {
        path: String,
        line: usize,
        message: String,
    },
}

impl Error {
    pub fn answer(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Answer {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn policy(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Error::Policy {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    /// The dotted answer field this error is about, if it is about an answer.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Answer { field, .. } => Some(field),
            Error::Policy { .. } => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Answer { field, message } if field.is_empty() => write!(f, "{message}"),
            Error::Answer { field, message } => write!(f, "{field}: {message}"),
            Error::Policy {
                path,
                line,
                message,
            } => write!(f, "{path}:{line}: {message}"),
        }
    }
}

impl std::error::Error for Error {}
