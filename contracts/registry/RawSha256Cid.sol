// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title RawSha256Cid
/// @notice Converts between a CIDv1 string for raw content hashed with sha2-256 (multibase base32,
/// lower case, no padding: "bafkrei" followed by 52 characters) and the 32-byte digest inside it.
/// @dev The binary CID is 0x01 (CIDv1) 0x55 (raw) 0x12 (sha2-256) 0x20 (32 bytes) then the digest:
/// 288 bits, 58 base32 characters after the multibase prefix 'b'. The first 30 bits always encode
/// as "afkrei"; the 52 characters after them carry 2 zero bits (end of 0x20), the 256 digest bits
/// and 2 zero padding bits. Storing the digest instead of the string saves three storage slots.
library RawSha256Cid {
    bytes7 private constant _PREFIX = "bafkrei";
    bytes32 private constant _ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    uint256 internal constant LENGTH = 59;

    /// @notice The digest inside `cid`, and whether `cid` is a canonical CID of this form.
    function decode(string calldata cid) internal pure returns (bool valid, bytes32 digest) {
        bytes calldata raw = bytes(cid);
        if (raw.length != LENGTH || bytes7(raw[:7]) != _PREFIX) return (false, 0);
        // First character: the two bits left over from 0x20 must be zero, three digest bits remain.
        uint256 first = _valueOf(raw[7]);
        if (first >= 8) return (false, 0);
        // Last character: three digest bits, then two padding bits that must be zero.
        uint256 last = _valueOf(raw[LENGTH - 1]);
        if (last >= 32 || last & 3 != 0) return (false, 0);
        uint256 acc = first;
        unchecked {
            for (uint256 i = 8; i < LENGTH - 1; ++i) {
                uint256 value = _valueOf(raw[i]);
                if (value >= 32) return (false, 0);
                acc = (acc << 5) | value;
            }
        }
        return (true, bytes32((acc << 3) | (last >> 2)));
    }

    /// @notice The CID string of content whose sha2-256 is `digest`.
    function encode(bytes32 digest) internal pure returns (string memory cid) {
        bytes memory out = new bytes(LENGTH);
        for (uint256 i = 0; i < 7; ++i) {
            out[i] = _PREFIX[i];
        }
        uint256 bits = uint256(digest);
        out[7] = _ALPHABET[bits >> 253];
        for (uint256 i = 1; i < 51; ++i) {
            out[7 + i] = _ALPHABET[(bits >> (253 - 5 * i)) & 31];
        }
        out[LENGTH - 1] = _ALPHABET[(bits & 7) << 2];
        return string(out);
    }

    /// @dev The base32 value of `char`, or 32 when it is not in the alphabet.
    function _valueOf(bytes1 char) private pure returns (uint256) {
        uint8 c = uint8(char);
        unchecked {
            if (c >= 0x61 && c <= 0x7a) return c - 0x61; // a-z: 0..25
            if (c >= 0x32 && c <= 0x37) return c - 0x32 + 26; // 2-7: 26..31
        }
        return 32;
    }
}
