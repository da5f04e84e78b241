//! The tape as a `serde` serializer: what each kind of value writes (`super` has the words).
use super::*;
use std::fmt::Write as _;

/// `Display` written straight into the text.
impl fmt::Write for Tape {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.append(s);
        Ok(())
    }
}

macro_rules! numbers {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result {
            self.number(v as f64);
            Ok(())
        })*
    };
}

impl<'t> ser::Serializer for &'t mut Tape {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'t>;
    type SerializeTuple = Compound<'t>;
    type SerializeTupleStruct = Compound<'t>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Compound<'t>;
    type SerializeStruct = Compound<'t>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    /// Compact: a part the tape can recall is sent as such (`crate::recall`).
    fn is_human_readable(&self) -> bool {
        false
    }

    numbers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_f32: f32, serialize_f64: f64);

    fn serialize_bool(self, v: bool) -> Result {
        self.words.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result {
        write!(self, "{value}").map_err(|_| Error("a value could not be written".into()))?;
        let end = self.text_end();
        self.two(TEXT, end);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        let mut list = self.open(LIST);
        v.iter().try_for_each(|b| list.item(b))
    }
    fn serialize_none(self) -> Result {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.key(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.two(OBJECT, 1);
        self.key(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'t>> {
        Ok(self.open(LIST))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'t>> {
        Ok(self.open(LIST))
    }
    /// A recalled part goes as a tuple struct named `recall::NAME` whose length is its key.
    fn serialize_tuple_struct(self, name: &'static str, len: usize) -> Result<Compound<'t>> {
        if name == crate::recall::NAME {
            return Ok(self.recall(len));
        }
        Ok(self.open(LIST))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Error(format!("{name}: tuple variants are not sent to JS")))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'t>> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(self, name: &'static str, fields: usize) -> Result<Compound<'t>> {
        Ok(self.open_struct(name, fields))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Error(format!("{name}: struct variants are not sent to JS")))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        match self.shape {
            Shaping::Recalled { copy: true } => Ok(()),
            Shaping::Recalled { copy: false } => value.serialize(&mut *self.tape),
            _ => self.item(value),
        }
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.item(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key);
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result {
        self.finish()
    }
}
