// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice Read-only lens run as a deployless eth_call: returns the full state Preflight needs for
/// every pool of a route in ONE round trip (pool address from the factory, V2 reserves, V3 slot0,
/// liquidity, tickSpacing, fee, tick bitmap words around the current tick and liquidityNet of every
/// initialised tick in those words). Never deployed; see core/mev/pool/lens-bytecode.ts.
interface IV2Factory { function getPair(address, address) external view returns (address); }
interface IV3Factory { function getPool(address, address, uint24) external view returns (address); }
interface IV2Pair {
  function getReserves() external view returns (uint112, uint112, uint32);
  function token0() external view returns (address);
  function token1() external view returns (address);
}
interface IV3Pool {
  function slot0() external view returns (uint160, int24, uint16, uint16, uint16, uint8, bool);
  function liquidity() external view returns (uint128);
  function tickSpacing() external view returns (int24);
  function fee() external view returns (uint24);
  function token0() external view returns (address);
  function token1() external view returns (address);
  function tickBitmap(int16) external view returns (uint256);
  function ticks(int24) external view returns (uint128, int128, uint256, uint256, int56, uint160, uint32, bool);
}

contract PoolLens {
  struct Query { uint8 kind; address pool; address factory; address tokenA; address tokenB; uint24 fee; }
  struct Result {
    address pool; address token0; address token1;
    uint256 reserve0; uint256 reserve1;
    uint160 sqrtPriceX96; int24 tick; uint128 liquidity; int24 tickSpacing; uint24 fee;
    int16 wordLo; int16 wordHi; uint256[] words; int24[] initTicks; int128[] liquidityNets;
  }

  function read(Query[] calldata qs, uint16 maxWords, uint16 maxTicks) external view returns (Result[] memory out) {
    out = new Result[](qs.length);
    for (uint256 i = 0; i < qs.length; i++) out[i] = readOne(qs[i], maxWords, maxTicks);
  }

  function readOne(Query calldata q, uint16 maxWords, uint16 maxTicks) internal view returns (Result memory r) {
    r.pool = q.pool;
    if (r.pool == address(0) && q.factory.code.length > 0) {
      if (q.kind == 2) {
        try IV2Factory(q.factory).getPair(q.tokenA, q.tokenB) returns (address p) { r.pool = p; } catch {}
      } else {
        try IV3Factory(q.factory).getPool(q.tokenA, q.tokenB, q.fee) returns (address p) { r.pool = p; } catch {}
      }
    }
    if (r.pool.code.length == 0) { r.pool = address(0); return r; }
    if (q.kind == 2) {
      (uint112 a, uint112 b, ) = IV2Pair(r.pool).getReserves();
      r.reserve0 = a; r.reserve1 = b;
      r.token0 = IV2Pair(r.pool).token0(); r.token1 = IV2Pair(r.pool).token1();
      return r;
    }
    IV3Pool p = IV3Pool(r.pool);
    (r.sqrtPriceX96, r.tick, , , , , ) = p.slot0();
    r.liquidity = p.liquidity(); r.tickSpacing = p.tickSpacing(); r.fee = p.fee();
    r.token0 = p.token0(); r.token1 = p.token1();
    int24 compressed = r.tick / r.tickSpacing;
    if (r.tick < 0 && r.tick % r.tickSpacing != 0) compressed--;
    int16 center = int16(compressed >> 8);
    (int16 lo, uint256 nLo) = scan(p, center, -1, maxWords, maxTicks);
    (int16 hi, uint256 nHi) = scan(p, center + 1, 1, maxWords, maxTicks);
    if (hi < center) hi = center;
    r.wordLo = lo; r.wordHi = hi;
    fill(p, r, nLo + nHi);
  }

  function fill(IV3Pool p, Result memory r, uint256 n) internal view {
    uint256 nWords = uint256(int256(r.wordHi) - int256(r.wordLo) + 1);
    r.words = new uint256[](nWords);
    r.initTicks = new int24[](n);
    r.liquidityNets = new int128[](n);
    uint256 k = 0;
    for (uint256 w = 0; w < nWords; w++) {
      int16 wordPos = int16(int256(r.wordLo) + int256(w));
      uint256 word = p.tickBitmap(wordPos);
      r.words[w] = word;
      k = fillWord(p, r, wordPos, word, k);
    }
  }

  function fillWord(IV3Pool p, Result memory r, int16 wordPos, uint256 word, uint256 k) internal view returns (uint256) {
    for (uint256 bit = 0; word != 0 && bit < 256; bit++) {
      if (word & (1 << bit) == 0) continue;
      word ^= (1 << bit);
      int24 t = int24((int256(wordPos) * 256 + int256(bit)) * int256(r.tickSpacing));
      r.initTicks[k] = t; r.liquidityNets[k] = liquidityNet(p, t); k++;
    }
    return k;
  }

  /// ticks(t).liquidityNet via a raw staticcall: decoding all eight return values is too deep for the stack.
  function liquidityNet(IV3Pool p, int24 t) internal view returns (int128 net) {
    (bool ok, bytes memory ret) = address(p).staticcall(abi.encodeWithSelector(IV3Pool.ticks.selector, t));
    if (!ok || ret.length < 64) return 0;
    assembly { net := mload(add(ret, 64)) }
  }

  /// Walks words from `start` in direction `dir` until maxWords words or maxTicks initialised ticks.
  function scan(IV3Pool p, int16 start, int16 dir, uint16 maxWords, uint16 maxTicks) internal view returns (int16 last, uint256 n) {
    last = start - dir;
    int16 w = start;
    for (uint256 i = 0; i < maxWords; i++) {
      if (w < -3466 || w > 3465) break;
      n += popcount(p.tickBitmap(w));
      last = w;
      if (n >= maxTicks) break;
      w += dir;
    }
  }

  function popcount(uint256 x) internal pure returns (uint256 c) {
    while (x != 0) { x &= x - 1; c++; }
  }
}
